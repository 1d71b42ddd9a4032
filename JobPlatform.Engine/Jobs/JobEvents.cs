using System.Text.Json;
using JobPlatform.Engine.Data;
using StackExchange.Redis;

namespace JobPlatform.Engine.Jobs;

/// <summary>
/// Live job updates over Redis pub/sub: whichever worker changes a job publishes it, every API replica with a client
/// watching that job receives it. Events are hints for live views; PostgreSQL stays the record.
/// </summary>
public sealed class JobEvents(IConnectionMultiplexer redis, TimeProvider time)
{
    public static RedisChannel Channel(Guid jobId) => RedisChannel.Literal($"job-events:{jobId:N}");

    public static readonly RedisChannel CancelChannel = RedisChannel.Literal("job-cancellations");

    public async Task PublishAsync(Job job)
    {
        try
        {
            await redis.GetSubscriber().PublishAsync(Channel(job.Id), JsonSerializer.Serialize(JobStatusResponse.From(job, time.GetUtcNow()), JobJson.Options));
        }
        catch (RedisException)
        {
            // A missed live event costs a watcher freshness, never correctness: it reads the record on (re)connect.
        }
    }

    /// <summary>Tells every worker to cancel a running job; the one running it does, within a heartbeat at worst.</summary>
    public async Task RequestCancellationAsync(Guid jobId)
    {
        try
        {
            await redis.GetSubscriber().PublishAsync(CancelChannel, jobId.ToString("N"));
        }
        catch (RedisException)
        {
            // The heartbeat reads cancel_requested from PostgreSQL as well.
        }
    }
}
