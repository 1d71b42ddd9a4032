using System.Globalization;
using System.Net;
using JobPlatform.ServiceDefaults.RateLimiting;
using Microsoft.Extensions.Options;

namespace JobPlatform.Api.RateLimiting;

/// <summary>
/// The client address's budget of API-key lookups (<see cref="RateLimitOptions.KeyLookupsPerSecond"/>), checked before
/// a key is looked up in the database: a flood of made-up keys is refused by Redis, not answered by PostgreSQL.
/// </summary>
public sealed class KeyLookupThrottle(RedisRateLimiter limiter, IOptions<RateLimitOptions> options)
{
    public Task<RateLimitDecision> BeforeLookupAsync(IPAddress? client) =>
        limiter.TryAcquireAsync(ClientAddressBucket.For(client), options.Value.KeyLookupLimit());

    /// <summary>The rest of an unknown key's cost, charged after the lookup found nothing (the lookup itself took one).</summary>
    public async Task UnknownKeyAsync(IPAddress? client)
    {
        if (options.Value.UnknownKeyCost > 1)
        {
            await limiter.PenalizeAsync(ClientAddressBucket.For(client), options.Value.KeyLookupLimit(), options.Value.UnknownKeyCost - 1);
        }
    }

    public string DescribeLimit()
    {
        var limits = options.Value;
        return string.Create(CultureInfo.InvariantCulture,
            $"Too many requests from this address carried an API key that had to be looked up: it may make {limits.KeyLookupsPerSecond:0.##} lookups per second, in bursts of up to {limits.KeyLookupBurst}, and an unknown key counts as {limits.UnknownKeyCost}.");
    }
}
