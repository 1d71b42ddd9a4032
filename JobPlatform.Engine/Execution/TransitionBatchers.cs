using JobPlatform.Engine.Data;
using JobPlatform.Engine.Store;
using Microsoft.Extensions.DependencyInjection;

namespace JobPlatform.Engine.Execution;

/// <summary>One attempt's hold on a job: the lease token is unique per attempt, so a stale attempt changes nothing.</summary>
public sealed record JobLease(Guid JobId, string Owner);

/// <summary>A successful attempt's outcome: the handler's result as raw JSON, or null.</summary>
public sealed record JobCompletion(JobLease Lease, string? Result);

/// <summary>
/// The two transitions every job goes through, claim and completion, written for all concurrent deliveries of this
/// process at once: one statement and one commit per batch instead of per job. The rarer transitions (progress,
/// heartbeat, failure, cancellation) stay one statement each; all are the <see cref="JobStore"/>'s.
/// </summary>
public sealed class ClaimBatcher(IServiceProvider services) : GroupCommit<JobLease, Job?>(MaxBatch)
{
    private const int MaxBatch = 500;

    /// <summary>Each lease gets its job if it took it; a duplicate delivery's lease gets null.</summary>
    protected override async Task<IReadOnlyList<Job?>> WriteBatchAsync(IReadOnlyList<JobLease> batch)
    {
        await using var scope = services.CreateAsyncScope();
        var claimed = await scope.ServiceProvider.GetRequiredService<JobStore>().ClaimAsync(batch, CancellationToken.None);
        var byLease = claimed.ToDictionary(job => new JobLease(job.Id, job.LeaseOwner!));
        return batch.Select(lease => byLease.GetValueOrDefault(lease)).ToList();
    }
}

/// <inheritdoc cref="ClaimBatcher"/>
public sealed class CompletionBatcher(IServiceProvider services) : GroupCommit<JobCompletion, Job?>(MaxBatch)
{
    private const int MaxBatch = 500;

    /// <summary>Each completion gets its completed job, or null when its attempt no longer held the lease.</summary>
    protected override async Task<IReadOnlyList<Job?>> WriteBatchAsync(IReadOnlyList<JobCompletion> batch)
    {
        await using var scope = services.CreateAsyncScope();
        var completed = await scope.ServiceProvider.GetRequiredService<JobStore>().CompleteAsync(batch, CancellationToken.None);
        // Only the attempt holding the lease changes the row; a stale attempt batched with it would merely be handed
        // the same completed state to publish.
        var byId = completed.ToDictionary(job => job.Id);
        return batch.Select(completion => byId.GetValueOrDefault(completion.Lease.JobId)).ToList();
    }
}
