using JobPlatform.ServiceDefaults.Clients;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Microsoft.Extensions.Hosting;

public sealed record RabbitMQClientSettings : ClientSettings;

/// <summary>
/// Aspire.RabbitMQ.Client's registration, with one deliberate difference: instead of one IConnection that relies on
/// the client's automatic recovery (which can stall for good after a broker restart, rabbitmq-dotnet-client#1871), it
/// registers a <see cref="RabbitMQConnectionKeeper"/> that replaces a closed connection on the next use.
/// </summary>
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

    private sealed class RabbitMQHealthCheck(RabbitMQConnectionKeeper connections) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                var connection = await connections.GetAsync(cancellationToken);
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

/// <summary>One shared RabbitMQ connection, opened on first use and replaced on the next use after it closes.</summary>
public sealed class RabbitMQConnectionKeeper(IConnectionFactory factory) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IConnection? _current;

    public async Task<IConnection> GetAsync(CancellationToken cancellationToken)
    {
        if (_current is { IsOpen: true } open)
        {
            return open;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_current is { IsOpen: true } reopened)
            {
                return reopened;
            }

            await DisposeCurrentAsync();
            _current = await factory.CreateConnectionAsync(cancellationToken);
            return _current;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync() => await DisposeCurrentAsync();

    private async Task DisposeCurrentAsync()
    {
        if (_current is not null)
        {
            try
            {
                await _current.DisposeAsync();
            }
            catch (Exception)
            {
                // A connection the broker already closed can fail to close again; it is gone either way.
            }

            _current = null;
        }
    }
}
