using JobPlatform.ServiceDefaults.Clients;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Microsoft.Extensions.Hosting;

public sealed record RabbitMQClientSettings : ClientSettings
{
    /// <summary>How many times the first connection is tried (with exponential backoff) before resolution fails.</summary>
    public int MaxConnectRetryCount { get; set; } = 5;
}

/// <summary>Aspire.RabbitMQ.Client's registration: a connection factory and one shared, self-recovering connection.</summary>
public static class RabbitMQClientExtensions
{
    private const string SectionName = "Aspire:RabbitMQ:Client";

    public static void AddRabbitMQClient(this IHostApplicationBuilder builder, string connectionName, Action<RabbitMQClientSettings>? configureSettings = null)
    {
        var settings = ClientSettings.Read(builder.Configuration, SectionName, connectionName, configureSettings);
        var applicationName = builder.Environment.ApplicationName;
        builder.Services.AddSingleton<IConnectionFactory>(_ => new ConnectionFactory
        {
            Uri = new Uri(settings.ConnectionString!),
            ClientProvidedName = applicationName,
            AutomaticRecoveryEnabled = true,
            TopologyRecoveryEnabled = true,
        });
        builder.Services.AddSingleton(services => Connect(
            services.GetRequiredService<IConnectionFactory>(), settings.MaxConnectRetryCount,
            services.GetRequiredService<ILoggerFactory>().CreateLogger("RabbitMQ.Client")));

        if (!settings.DisableHealthChecks)
        {
            builder.Services.AddHealthChecks().Add(new HealthCheckRegistration("RabbitMQ.Client",
                services => new RabbitMQHealthCheck(services),
                HealthStatus.Unhealthy, tags: null, timeout: TimeSpan.FromSeconds(5)));
        }
    }

    // The client recovers an established connection by itself; only the first connect needs retrying.
    private static IConnection Connect(IConnectionFactory factory, int retries, ILogger logger)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return factory.CreateConnectionAsync().GetAwaiter().GetResult();
            }
            catch (BrokerUnreachableException exception) when (attempt < retries)
            {
                var delay = TimeSpan.FromMilliseconds(200 * Math.Pow(2, attempt));
                logger.LogWarning("RabbitMQ is unreachable ({Reason}); retrying in {Delay}.", exception.InnerException?.Message, delay);
                Thread.Sleep(delay);
            }
        }
    }

    private sealed class RabbitMQHealthCheck(IServiceProvider services) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                var connection = services.GetRequiredService<IConnection>();
                await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (Exception exception) when (exception is BrokerUnreachableException or AlreadyClosedException or OperationInterruptedException or OperationCanceledException)
            {
                return HealthCheckResult.Unhealthy("RabbitMQ cannot open a channel.");
            }
        }
    }
}
