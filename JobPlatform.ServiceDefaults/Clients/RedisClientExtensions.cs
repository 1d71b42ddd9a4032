using JobPlatform.ServiceDefaults.Clients;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Microsoft.Extensions.Hosting;

public sealed record RedisClientSettings : ClientSettings;

/// <summary>
/// Aspire.StackExchange.Redis's registration: the same method, configuration keys and health check (AspNetCore.HealthChecks.Redis,
/// named <c>StackExchange.Redis</c>). Ours, not the Aspire component's: the connection options below, set whatever the
/// connection string says, and the health check's 5 s timeout.
/// </summary>
public static class RedisClientExtensions
{
    private const string SectionName = "Aspire:StackExchange:Redis";

    /// <summary>
    /// Registers a singleton <see cref="IConnectionMultiplexer"/> that keeps reconnecting and fails a command at once
    /// while Redis is unreachable, so that every caller falls back at once (status reads to PostgreSQL, rate limits to
    /// in-process buckets) instead of waiting out the command timeout.
    /// </summary>
    public static void AddRedisClient(this IHostApplicationBuilder builder, string connectionName, Action<RedisClientSettings>? configureSettings = null)
    {
        var settings = ClientSettings.Read(builder.Configuration, SectionName, connectionName, configureSettings);
        var options = ConfigurationOptions.Parse(settings.ConnectionString!);
        // A service starts while Redis is down, and serves without it: the multiplexer connects when Redis is back.
        options.AbortOnConnectFail = false;
        // The default backlog holds commands issued while disconnected until the connection returns or the async
        // timeout (5 s) passes: every request would wait that long before falling back.
        options.BacklogPolicy = BacklogPolicy.FailFast;
        // Names the service in CLIENT LIST.
        options.ClientName = builder.Environment.ApplicationName;
        builder.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(options));

        if (!settings.DisableHealthChecks)
        {
            builder.Services.AddHealthChecks().AddRedis(services => services.GetRequiredService<IConnectionMultiplexer>(),
                name: "StackExchange.Redis", timeout: TimeSpan.FromSeconds(5));
        }
    }
}
