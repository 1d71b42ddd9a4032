using JobPlatform.ServiceDefaults.Clients;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Microsoft.Extensions.Hosting;

public sealed record RedisClientSettings : ClientSettings;

/// <summary>Aspire.StackExchange.Redis's registration, over StackExchange.Redis 1.2.6 (the 2.x line does not restore here).</summary>
public static class RedisClientExtensions
{
    private const string SectionName = "Aspire:StackExchange:Redis";

    /// <summary>Registers a singleton <see cref="IConnectionMultiplexer"/> that keeps reconnecting (abortConnect=false).</summary>
    public static void AddRedisClient(this IHostApplicationBuilder builder, string connectionName, Action<RedisClientSettings>? configureSettings = null)
    {
        var settings = ClientSettings.Read(builder.Configuration, SectionName, connectionName, configureSettings);
        var options = ConfigurationOptions.Parse(settings.ConnectionString!);
        options.AbortOnConnectFail = false;
        options.ClientName = builder.Environment.ApplicationName;
        builder.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(options));

        if (!settings.DisableHealthChecks)
        {
            builder.Services.AddHealthChecks().Add(new HealthCheckRegistration("StackExchange.Redis",
                services => new RedisHealthCheck(services.GetRequiredService<IConnectionMultiplexer>()),
                HealthStatus.Unhealthy, tags: null, timeout: TimeSpan.FromSeconds(5)));
        }
    }

    private sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await redis.GetDatabase().PingAsync();
                return HealthCheckResult.Healthy();
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException)
            {
                return HealthCheckResult.Unhealthy("Redis does not answer PING.");
            }
        }
    }
}
