using JobPlatform.Engine.Messaging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RabbitMQ.Client;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Aspire.RabbitMQ.Client's registration, kept with the engine that uses it (the engine needs no service defaults to
/// reach its broker), with one deliberate difference: instead of one IConnection that relies on the client's automatic
/// recovery (which can stall for good after a broker restart, rabbitmq-dotnet-client#1871), it registers a
/// <see cref="RabbitMQConnectionKeeper"/> that replaces a closed connection on the next use.
/// </summary>
public static class RabbitMQClientExtensions
{
    private const string SectionName = "Aspire:RabbitMQ:Client";

    public static void AddRabbitMQClient(this IHostApplicationBuilder builder, string connectionName, Action<RabbitMQClientSettings>? configureSettings = null)
    {
        var settings = ReadSettings(builder.Configuration, connectionName, configureSettings);
        var applicationName = builder.Environment.ApplicationName;
        builder.Services.AddSingleton<IConnectionFactory>(_ => new ConnectionFactory
        {
            Uri = new Uri(settings.ConnectionString!),
            ClientProvidedName = applicationName,
            // The keeper reconnects; a second, built-in recovery would race it and duplicate consumers.
            AutomaticRecoveryEnabled = false,
            RequestedConnectionTimeout = TimeSpan.FromSeconds(5),
        });
        builder.Services.AddSingleton<RabbitMQConnectionKeeper>();

        if (!settings.DisableHealthChecks)
        {
            builder.Services.AddHealthChecks().Add(new HealthCheckRegistration("RabbitMQ.Client",
                services => new RabbitMQHealthCheck(services.GetRequiredService<RabbitMQConnectionKeeper>()),
                HealthStatus.Unhealthy, tags: null, timeout: TimeSpan.FromSeconds(5)));
        }
    }

    private static RabbitMQClientSettings ReadSettings(IConfiguration configuration, string connectionName, Action<RabbitMQClientSettings>? configure)
    {
        var settings = new RabbitMQClientSettings();
        configuration.GetSection(SectionName).Bind(settings);
        if (configuration.GetConnectionString(connectionName) is { Length: > 0 } connectionString)
        {
            settings.ConnectionString = connectionString;
        }

        configure?.Invoke(settings);
        if (string.IsNullOrWhiteSpace(settings.ConnectionString))
        {
            throw new InvalidOperationException(
                $"The connection string for '{connectionName}' is missing. It should be provided in 'ConnectionStrings:{connectionName}' " +
                $"(environment variable ConnectionStrings__{connectionName}) or under the 'ConnectionString' key in the '{SectionName}' configuration section.");
        }

        return settings;
    }
}
