using JobPlatform.Providers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using JobPlatform.Tests.Infrastructure;

namespace JobPlatform.Tests.Providers;

/// <summary>
/// A service's providers as a worker has them: a host with the service defaults (whose standard resilience handler the
/// providers' pipelines replace) and <c>AddProviders</c>, configured with the sandbox's URLs and credentials. Each
/// instance has its own circuits. Backoffs are short so that retries do not slow the suite; what a test measures it
/// configures itself.
/// </summary>
public sealed class ProviderClients(IHost host, CapturedLogs logs) : IAsyncDisposable
{
    private static readonly string[] ProviderNames = ["Apify", "FacebookGraph", "OpenAI", "Media"];

    /// <summary>Everything the host logged, at every level.</summary>
    public CapturedLogs Logs { get; } = logs;

    public static Task<ProviderClients> StartAsync(ProviderSandbox sandbox, params (string Key, string Value)[] settings) =>
        StartAsync(sandbox, _ => { }, settings);

    /// <param name="configureServices">Applied after <c>AddProviders</c>.</param>
    public static async Task<ProviderClients> StartAsync(ProviderSandbox sandbox, Action<IServiceCollection> configureServices,
        params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Production });
        var configuration = sandbox.Configuration();
        // Everything, the HttpClient's request and response headers (Trace) included.
        configuration["Logging:LogLevel:Default"] = "Trace";
        foreach (var provider in ProviderNames)
        {
            configuration[$"Providers:{provider}:Resilience:RetryBaseDelay"] = "00:00:00.050";
        }

        foreach (var (key, value) in settings)
        {
            configuration[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(configuration);
        builder.AddServiceDefaults();
        builder.AddProviders();
        configureServices(builder.Services);
        var logs = new CapturedLogs();
        builder.Logging.AddProvider(logs);
        var host = builder.Build();
        await host.StartAsync();
        return new ProviderClients(host, logs);
    }

    public T Get<T>() where T : notnull => host.Services.GetRequiredService<T>();

    public async Task<HealthReportEntry> HealthAsync(string check) =>
        (await Get<HealthCheckService>().CheckHealthAsync(registration => registration.Name == check)).Entries[check];

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}
