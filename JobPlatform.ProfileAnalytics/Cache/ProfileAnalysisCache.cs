using JobPlatform.ProfileAnalytics.Instagram;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace JobPlatform.ProfileAnalytics.Cache;

/// <summary>
/// The R-000-1 cached body of each profile's last analysis, in Redis under its lower-case username
/// (<see cref="InstagramUsername"/>), for as long as it is fresh (R-003-17: one hour from the analysis). It is a copy:
/// <c>profile_analyses</c> holds the same body, so Redis being down or emptied only sends reads to PostgreSQL.
/// </summary>
public sealed partial class ProfileAnalysisCache(IConnectionMultiplexer redis, ILogger<ProfileAnalysisCache> logger)
{
    /// <summary>R-003-17: an analysis younger than this is returned at once, without a job.</summary>
    public static readonly TimeSpan Freshness = TimeSpan.FromHours(1);

    private static RedisKey Key(string username) => $"profile-analysis:{username}";

    /// <summary>The cached body as JSON, or null when there is none or Redis cannot answer.</summary>
    public async Task<string?> FindAsync(string username)
    {
        try
        {
            var value = await redis.GetDatabase().StringGetAsync(Key(username));
            return value.HasValue ? (string?)value : null;
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            LogCacheUnavailable(logger, exception);
            return null;
        }
    }

    /// <summary>Keeps <paramref name="body"/> until its analysis is no longer fresh; best effort.</summary>
    public async Task RememberAsync(string username, string body, DateTimeOffset analyzedAt, DateTimeOffset now)
    {
        var left = analyzedAt + Freshness - now;
        if (left <= TimeSpan.Zero)
        {
            return;
        }

        try
        {
            await redis.GetDatabase().StringSetAsync(Key(username), body, left);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            LogCacheUnavailable(logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Profile analysis cache unavailable; PostgreSQL answers.")]
    private static partial void LogCacheUnavailable(ILogger logger, Exception exception);
}
