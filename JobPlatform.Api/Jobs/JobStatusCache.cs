using Microsoft.Extensions.Logging;
using System.Text.Json;
using JobPlatform.Engine.Data;
using JobPlatform.Engine.Jobs;
using StackExchange.Redis;

namespace JobPlatform.Api.Jobs;

/// <summary>
/// Status reads of finished jobs, answered from Redis: the final poll of every job, and the many reads of a job long
/// done, cost neither a database round trip nor a connection. Only completed and cancelled jobs are cached: they never
/// change again (a failed job can be redriven), so no write has to invalidate an entry. Entries expire, so a job that
/// retention deleted stops being answered within <see cref="Lifetime"/>. Redis being down only sends reads to PostgreSQL.
/// </summary>
public sealed partial class JobStatusCache(IConnectionMultiplexer redis, ILogger<JobStatusCache> logger)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    /// <summary>The owner travels with the status: a cached read is authorized exactly as a database read.</summary>
    private sealed record Entry(Guid UserId, JobStatusResponse Status);

    private static RedisKey Key(Guid jobId) => $"job-status:{jobId:N}";

    public async Task<JobStatusResponse?> FindAsync(Guid jobId, Guid userId)
    {
        try
        {
            var value = await redis.GetDatabase().StringGetAsync(Key(jobId));
            return value.HasValue && JsonSerializer.Deserialize<Entry>((string)value!, JobJson.Options) is { } entry && entry.UserId == userId
                ? entry.Status
                : null;
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            LogCacheUnavailable(logger, exception);
            return null;
        }
    }

    public async Task RememberAsync(Job job, JobStatusResponse status)
    {
        if (job.Status is not (JobStatuses.Completed or JobStatuses.Cancelled))
        {
            return;
        }

        try
        {
            await redis.GetDatabase().StringSetAsync(Key(job.Id), JsonSerializer.Serialize(new Entry(job.UserId, status), JobJson.Options),
                Lifetime, flags: CommandFlags.FireAndForget);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            LogCacheUnavailable(logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Status cache unavailable.")]
    private static partial void LogCacheUnavailable(ILogger logger, Exception exception);
}
