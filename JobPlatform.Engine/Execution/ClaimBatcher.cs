using JobPlatform.Engine.Data;
using JobPlatform.Engine.Store;
using Microsoft.Extensions.DependencyInjection;

namespace JobPlatform.Engine.Execution;

/// <summary>
/// The two transitions every job goes through, claim and completion, written for all concurrent deliveries of this
/// process at once: one statement and one commit per batch instead of per job. The rarer transitions (progress,
/// heartbeat, failure, cancellation) stay one statement each; all are the <see cref="JobStore"/>'s.
/// </summary>
public sealed class ClaimBatcher(IServiceProvider services) : StatementBatcher<JobLease, Job?>(MaxBatch)
{
    private const int MaxBatch = 500;

    /// <summary>Each lease gets its job if it took it; a duplicate delivery's lease gets null.</summary>
    protected override async Task<IReadOnlyList<Job?>> RunBatchAsync(IReadOnlyList<JobLease> batch)
    {
        await using var scope = services.CreateAsyncScope();
        var claimed = await scope.ServiceProvider.GetRequiredService<JobStore>().ClaimAsync(batch, CancellationToken.None);
        var byLease = claimed.ToDictionary(job => new JobLease(job.Id, job.LeaseOwner!));
        return batch.Select(lease => byLease.GetValueOrDefault(lease)).ToList();
    }
}
