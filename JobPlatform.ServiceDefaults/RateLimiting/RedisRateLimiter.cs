using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace JobPlatform.ServiceDefaults.RateLimiting;

/// <summary>
/// Buckets shared by every replica of a service: each bucket is one Redis key (<c>rate-limit:{bucket}</c>), charged
/// by one script call, so a check is one round trip (the client sends the script once, then only its hash: EVALSHA;
/// when a restarted Redis answers NOSCRIPT, the client sends the script again itself). Redis's clock decides, so the
/// replicas' clocks need not agree. While Redis is unreachable the buckets are kept in process
/// (<see cref="LocalRateLimiter"/>): requests are still served and still limited, each replica on its own, because
/// accepting work matters more than an exact budget for the length of an outage.
/// </summary>
public sealed partial class RedisRateLimiter(IConnectionMultiplexer redis, TimeProvider time, ILogger<RedisRateLimiter> logger)
{
    private const string KeyPrefix = "rate-limit:";

    // Gcra.Charge in Redis. KEYS[1]: the bucket. ARGV: interval (µs per token), burst, cost, force (1 or 0).
    // Returns {1, 0} when charged, {0, µs until the charge would fit} when refused. The arrival time is kept as an
    // integer of microseconds; the key expires when the bucket is full again. TIME before a write needs effects
    // replication, the default from Redis 7 on and switched on here for older servers.
    private const string Script = """
        redis.replicate_commands()
        local clock = redis.call('TIME')
        local now = tonumber(clock[1]) * 1000000 + tonumber(clock[2])
        local interval = tonumber(ARGV[1])
        local from = math.max(tonumber(redis.call('GET', KEYS[1])) or now, now)
        local arrival = from + tonumber(ARGV[3]) * interval
        local wait = arrival - tonumber(ARGV[2]) * interval - now
        if wait > 0 and ARGV[4] ~= '1' then
            return {0, math.ceil(wait)}
        end
        redis.call('SET', KEYS[1], string.format('%.0f', arrival), 'PX', math.ceil((arrival - now) / 1000) + 1)
        return {1, 0}
        """;

    private readonly LocalRateLimiter local = new(time);
    private int usingLocal;

    /// <summary>Takes <paramref name="cost"/> tokens if the bucket holds them; a refused request takes nothing.</summary>
    public Task<RateLimitDecision> TryAcquireAsync(string bucket, RateLimit limit, int cost = 1) => ChargeAsync(bucket, limit, cost, force: false);

    /// <summary>Takes <paramref name="cost"/> tokens whether or not the bucket holds them: a penalty that later requests wait out.</summary>
    public Task PenalizeAsync(string bucket, RateLimit limit, int cost) => ChargeAsync(bucket, limit, cost, force: true);

    private async Task<RateLimitDecision> ChargeAsync(string bucket, RateLimit limit, int cost, bool force)
    {
        if (redis.IsConnected)
        {
            try
            {
                var decision = await EvaluateAsync(bucket, limit, cost, force);
                if (Interlocked.Exchange(ref usingLocal, 0) == 1)
                {
                    LogShared(logger);
                }

                return decision;
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException)
            {
                LogCheckFailed(logger, exception);
            }
        }

        if (Interlocked.Exchange(ref usingLocal, 1) == 0)
        {
            LogLocal(logger);
        }

        return local.Charge(bucket, limit, cost, force);
    }

    private async Task<RateLimitDecision> EvaluateAsync(string bucket, RateLimit limit, int cost, bool force)
    {
        RedisKey[] keys = [KeyPrefix + bucket];
        RedisValue[] values = [limit.IntervalMicroseconds, limit.Burst, cost, force ? 1 : 0];
        var result = await redis.GetDatabase().ScriptEvaluateAsync(Script, keys, values);
        var reply = (RedisResult[])result!;
        return (long)reply[0] == 1 ? RateLimitDecision.Allow : RateLimitDecision.Refuse(TimeSpan.FromMicroseconds((long)reply[1]));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis is reachable again: rate limits are shared by the replicas again.")]
    private static partial void LogShared(ILogger logger);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Rate limit check in Redis failed.")]
    private static partial void LogCheckFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis is unreachable: each replica counts rate limits on its own until it is back.")]
    private static partial void LogLocal(ILogger logger);
}
