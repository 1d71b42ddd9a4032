using JobPlatform.Engine.Data;
using JobPlatform.Engine.Store;
using Microsoft.Extensions.DependencyInjection;

namespace JobPlatform.Engine.Execution;

/// <inheritdoc cref="ClaimBatcher"/>
public sealed class CompletionBatcher(IServiceProvider services) : StatementBatcher<JobCompletion, Job?>(MaxBatch)
{
    private const int MaxBatch = 500;

    /// <summary>Each completion gets its completed job, or null when its attempt no longer held the lease.</summary>
    protected override async Task<IReadOnlyList<Job?>> RunBatchAsync(IReadOnlyList<JobCompletion> batch)
    {
        await using var scope = services.CreateAsyncScope();
        var completed = await scope.ServiceProvider.GetRequiredService<JobStore>().CompleteAsync(batch, CancellationToken.None);
        // Only the attempt holding the lease changes the row; a stale attempt batched with it would merely be handed
        // the same completed state to publish.
        var byId = completed.ToDictionary(job => job.Id);
        return batch.Select(completion => byId.GetValueOrDefault(completion.Lease.JobId)).ToList();
    }
}
