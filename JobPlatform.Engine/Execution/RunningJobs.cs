using System.Collections.Concurrent;
using StackExchange.Redis;

namespace JobPlatform.Engine.Execution;

/// <summary>
/// The attempts running in this process, so that a cancellation published by the API (Redis pub/sub) reaches the
/// handler's token at once on whichever worker runs the job.
/// </summary>
public sealed class RunningJobs(IConnectionMultiplexer redis)
{
    private readonly ConcurrentDictionary<Guid, CancellationTokenSource> _running = new();
    private int _subscribed;

    public IDisposable Track(Guid jobId, CancellationTokenSource cancellation)
    {
        EnsureSubscribed();
        _running[jobId] = cancellation;
        // Removes this attempt's entry only: a later attempt of the same job may already run in this process.
        return new Registration(() => _running.TryRemove(KeyValuePair.Create(jobId, cancellation)));
    }

    private void EnsureSubscribed()
    {
        if (Interlocked.Exchange(ref _subscribed, 1) == 0)
        {
            // Fire and forget: no start of an attempt waits for Redis, and while Redis is unreachable the client keeps
            // the subscription and sends it once it reconnects; until then the heartbeat's cancel_requested cancels.
            redis.GetSubscriber().Subscribe(Jobs.JobEvents.CancelChannel, (_, message) =>
            {
                if (Guid.TryParse((string?)message, out var jobId) && _running.TryGetValue(jobId, out var cancellation))
                {
                    cancellation.Cancel();
                }
            }, CommandFlags.FireAndForget);
        }
    }

    private sealed class Registration(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}
