using Microsoft.Extensions.Logging;
using JobPlatform.Engine.Data;
using JobPlatform.Engine.Jobs;
using JobPlatform.Engine.Store;
using Microsoft.Extensions.DependencyInjection;

namespace JobPlatform.Engine.Messaging;

/// <summary>
/// Publishes each batch of new jobs right after its commit (the API's accepted jobs, a handler's children), off the
/// request path or the worker's step, then marks its jobs enqueued.
/// Batches are published side by side: the next batch's jobs reach the workers without waiting for this one's confirms.
/// If the broker is down or this process dies first, the jobs stay recorded as not enqueued and the workers' sweeper
/// publishes them: accepting and queueing cannot diverge.
/// </summary>
public sealed partial class JobDispatcher(IServiceProvider services, JobPublisher publisher, JobTypeRegistry types, ILogger<JobDispatcher> logger)
{
    /// <summary>A broker that takes this long to confirm is treated as down; the sweeper publishes the jobs later.</summary>
    private static readonly TimeSpan ConfirmTimeout = TimeSpan.FromSeconds(30);

    public void Dispatch(IReadOnlyList<Job> accepted)
    {
        if (accepted.Count > 0)
        {
            _ = DispatchAsync(accepted.Select(job => QueuedJob.Of(job, types)).ToList());
        }
    }

    private async Task DispatchAsync(List<QueuedJob> jobs)
    {
        try
        {
            using var timeout = new CancellationTokenSource(ConfirmTimeout);
            await publisher.PublishAsync(jobs, timeout.Token);
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<JobStore>().MarkAcceptedEnqueuedAsync(jobs.ConvertAll(j => j.JobId), timeout.Token);
        }
        catch (Exception exception)
        {
            LogNotQueued(logger, exception, jobs.Count);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not queue {Count} new jobs now; the workers' sweeper will.")]
    private static partial void LogNotQueued(ILogger logger, Exception exception, int count);
}
