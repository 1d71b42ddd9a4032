using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace JobPlatform.ServiceDefaults.Telemetry;

/// <summary>
/// The part of OpenTelemetry.Extensions.Hosting (not served here) that we need: an <see cref="IOpenTelemetryBuilder"/>
/// over the service collection, and a hosted service that builds the providers when the host starts.
/// </summary>
internal static class OpenTelemetryServices
{
    public static IOpenTelemetryBuilder AddOpenTelemetryServices(this IServiceCollection services)
    {
        services.AddHostedService<TelemetryProvidersStarter>();
        return new ServiceCollectionTelemetryBuilder(services);
    }

    private sealed class ServiceCollectionTelemetryBuilder(IServiceCollection services) : IOpenTelemetryBuilder
    {
        public IServiceCollection Services => services;
    }

    /// <summary>Providers are built lazily by DI; resolving them at start-up begins collection.</summary>
    private sealed class TelemetryProvidersStarter(IServiceProvider services) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            _ = services.GetService<MeterProvider>();
            _ = services.GetService<TracerProvider>();
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
