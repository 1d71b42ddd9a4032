using JobPlatform.Api.Auth;
using JobPlatform.Engine.Jobs;
using JobPlatform.Engine.Store;

namespace JobPlatform.Api.Jobs;

public sealed record CancelOutcome(string Status, bool AlreadyFinished);

/// <summary>
/// Cancels a caller's job in the <see cref="JobStore"/> (a queued job at once, refunded; a running one flagged), then
/// tells: the job's followers that it is cancelled, or every worker that its owner asked, so the one running it
/// cancels its handler.
/// </summary>
public sealed class JobCanceller(JobStore store, JobEvents events, TimeProvider time)
{
    public async Task<CancelOutcome?> CancelAsync(Caller caller, Guid jobId, CancellationToken cancellationToken)
    {
        if (await store.CancelAsync(caller.UserId, jobId, time.GetUtcNow(), cancellationToken) is not { Job: var job } cancellation)
        {
            return null;
        }

        if (!cancellation.AlreadyFinished)
        {
            if (job.Status == JobStatuses.Processing)
            {
                await events.RequestCancellationAsync(jobId);
            }
            else
            {
                await events.PublishAsync(job);
            }

            foreach (var child in cancellation.RunningChildren)
            {
                await events.RequestCancellationAsync(child);
            }
        }

        return new CancelOutcome(job.Status, cancellation.AlreadyFinished);
    }
}
