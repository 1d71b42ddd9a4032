using JobPlatform.Engine.Data;
using JobPlatform.Engine.Store;

namespace JobPlatform.Api.Jobs;

/// <summary>
/// Status reads that Redis could not answer (running jobs, failed ones, a cold cache), many in one statement
/// (<see cref="StatementBatcher{TRequest,TResult}"/>): whatever the rate of polls, they hold at most one database
/// connection of the replica, so a burst of them never keeps an accept batch waiting for a connection, and a round trip
/// serves every poll that arrived during the last one.
/// </summary>
public sealed class StatusReadBatcher(IServiceProvider services) : StatementBatcher<Guid, Job?>(MaxBatch)
{
    private const int MaxBatch = 500;

    protected override bool IsolatesDataErrors => false;

    /// <summary>Each id gets its job, whoever owns it (the endpoint authorizes), or null when there is none.</summary>
    protected override async Task<IReadOnlyList<Job?>> RunBatchAsync(IReadOnlyList<Guid> batch)
    {
        await using var scope = services.CreateAsyncScope();
        var found = await scope.ServiceProvider.GetRequiredService<JobStore>().FindAsync(batch.Distinct().ToList(), CancellationToken.None);
        var byId = found.ToDictionary(job => job.Id);
        return batch.Select(id => byId.GetValueOrDefault(id)).ToList();
    }
}
