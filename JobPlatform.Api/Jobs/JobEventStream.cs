using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using JobPlatform.Engine.Data;
using JobPlatform.Engine.Jobs;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;

namespace JobPlatform.Api.Jobs;

/// <summary>
/// A job's live updates for SSE and WebSocket clients: its current state first, then every change workers publish on
/// Redis (so any API replica serves any client), ending with the terminal state.
/// </summary>
public sealed class JobEventStream(JobsDbContext db, IConnectionMultiplexer redis, TimeProvider time)
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
        var updates = Channel.CreateUnbounded<string>();
        var subscriber = redis.GetSubscriber();
        Action<RedisChannel, RedisValue> forward = (_, message) => updates.Writer.TryWrite(message!);
        // Subscribe before reading the record, so no change falls between the two.
        await subscriber.SubscribeAsync(JobEvents.Channel(jobId), forward);
        try
        {
            var job = await db.Jobs.AsNoTracking().SingleAsync(j => j.Id == jobId, cancellationToken);
            var current = JsonSerializer.Serialize(JobStatusResponse.From(job, time.GetUtcNow()), JobJson.Options);
            yield return current;
            if (JobStatuses.IsTerminal(job.Status))
            {
                yield break;
            }

            await foreach (var update in updates.Reader.ReadAllAsync(cancellationToken))
            {
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
            await subscriber.UnsubscribeAsync(JobEvents.Channel(jobId), forward);
        }
    }
}
