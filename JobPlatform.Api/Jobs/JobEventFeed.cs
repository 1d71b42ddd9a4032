using Microsoft.Extensions.Logging;
using System.Runtime.CompilerServices;
using System.Text.Json;
using JobPlatform.Engine.Data;
using JobPlatform.Engine.Jobs;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;

namespace JobPlatform.Api.Jobs;

/// <summary>
/// A job's live updates for SSE and WebSocket clients: its current state first, then every change workers publish on
/// Redis (so any API replica serves any client), ending with the terminal state. Opened while Redis is unreachable, a
/// stream still sends the current state, and the changes published once Redis is back.
/// </summary>
public sealed partial class JobEventFeed(JobsDbContext db, IConnectionMultiplexer redis, TimeProvider time, ILogger<JobEventFeed> logger)
{
    /// <summary>Null when the caller has no such job.</summary>
    public async Task<IAsyncEnumerable<string>?> OpenAsync(Guid jobId, Guid userId, CancellationToken cancellationToken)
    {
        if (!await db.Jobs.AnyAsync(j => j.Id == jobId && j.UserId == userId, cancellationToken))
        {
            return null;
        }

        return ReadAsync(jobId, cancellationToken);
    }

    private async IAsyncEnumerable<string> ReadAsync(Guid jobId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var subscriber = redis.GetSubscriber();
        // A queue, not a handler: the client runs handlers concurrently, and only a queue keeps updates in the order
        // workers published them (progress never goes backwards). Fire and forget registers the queue even while Redis
        // is unreachable (the client sends the subscription once it reconnects, as it sends every subscription again
        // after a reconnect), where an awaited subscription would throw and leave its queue registered but unreachable.
        var updates = await subscriber.SubscribeAsync(JobEvents.Channel(jobId), CommandFlags.FireAndForget);
        try
        {
            // Subscribed before the record is read, so no change falls between the two: the ping travels on the
            // subscription's connection, so its answer comes after Redis has taken the subscription.
            await ConfirmSubscriptionAsync(subscriber, jobId);
            var job = await db.Jobs.AsNoTracking().SingleAsync(j => j.Id == jobId, cancellationToken);
            yield return JsonSerializer.Serialize(JobStatusResponse.From(job, time.GetUtcNow()), JobJson.Options);
            if (JobStatuses.IsTerminal(job.Status))
            {
                yield break;
            }

            await foreach (var message in updates.WithCancellation(cancellationToken))
            {
                var update = (string)message.Message!;
                yield return update;
                using var parsed = JsonDocument.Parse(update);
                if (JobStatuses.IsTerminal(parsed.RootElement.GetProperty("status").GetString()!))
                {
                    yield break;
                }
            }
        }
        finally
        {
            // Fire and forget: the queue leaves the client's registry at once, and an unsubscription Redis does not
            // hear while unreachable is moot, since the client does not subscribe again to channels it no longer holds.
            await updates.UnsubscribeAsync(CommandFlags.FireAndForget);
        }
    }

    private async Task ConfirmSubscriptionAsync(ISubscriber subscriber, Guid jobId)
    {
        try
        {
            await subscriber.PingAsync();
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            LogWaitingForRedis(logger, exception, jobId);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Live updates of job {JobId} wait for Redis.")]
    private static partial void LogWaitingForRedis(ILogger logger, Exception exception, Guid jobId);
}
