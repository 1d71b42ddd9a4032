using JobPlatform.Engine.Jobs;
using JobPlatform.Engine.Messaging;
using Microsoft.EntityFrameworkCore;
using static JobPlatform.Engine.Jobs.JobStatuses;

namespace JobPlatform.Engine.Store;

/// <summary>
/// Publish-marking: a queued job's <c>enqueued</c> flag says a confirmed message for it is on its lane's queue. The API
/// marks the jobs it published after accepting them; the workers' outbox (<see cref="Maintenance.OverduePublishing"/>)
/// publishes and marks the rest.
/// </summary>
public sealed partial class JobStore
{
    /// <summary>
    /// Marks freshly accepted jobs enqueued once the broker confirmed them. Only jobs no worker ever claimed
    /// (<c>started_at</c> is set by the first claim and kept): a job already claimed keeps its own flag, even one
    /// queued again with its attempt given back uncounted, whose message its worker acked. A row another
    /// transaction holds is being claimed or published, so it needs no mark: skipping it means this statement never
    /// waits, and so never deadlocks with the workers' batches.
    /// </summary>
    public Task<int> MarkAcceptedEnqueuedAsync(IReadOnlyList<Guid> jobIds, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlRawAsync(MarkAcceptedEnqueuedSql, [jobIds.ToArray()], cancellationToken);

    /// <summary>
    /// The outbox: queued jobs that are due and on no queue (accepted while the broker was down or before an API crash,
    /// retries whose delay is over, leases rescued, parents whose children ended, snoozed jobs that woke) are published,
    /// and marked only once RabbitMQ confirmed them.
    /// Jobs never claimed get <paramref name="acceptGrace"/> from their creation for the API's own publish, so they are
    /// rarely sent twice.
    /// </summary>
    public Task<int> PublishOverdueAsync(JobPublisher publisher, JobTypeRegistry types, TimeSpan acceptGrace, CancellationToken cancellationToken) =>
        // A user transaction under the retrying strategy must run inside it, to be retried whole.
        db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await WakeSnoozedAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var due = await db.Jobs.FromSqlRaw(MarkOverdueEnqueuedSql, acceptGrace).AsNoTracking().ToListAsync(cancellationToken);
            await publisher.PublishAsync(
                due.ConvertAll(job => QueuedJob.Of(job, types)),
                cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return due.Count;
        });

    // Status words inlined as constants (see JobStore.Attempts.cs).

    /// <summary>{0} job ids.</summary>
    private const string MarkAcceptedEnqueuedSql = $$"""
        UPDATE jobs SET enqueued = true
        WHERE id IN (SELECT id FROM jobs WHERE id = ANY({0}) AND status = '{{Queued}}' AND started_at IS NULL FOR UPDATE SKIP LOCKED)
        """;

    /// <summary>{0} accept grace.</summary>
    private const string MarkOverdueEnqueuedSql = $$"""
        WITH due AS (
            SELECT id FROM jobs
            WHERE status = '{{Queued}}' AND NOT enqueued AND run_after <= now() AND (started_at IS NOT NULL OR created_at <= now() - {0})
            ORDER BY run_after LIMIT 500
            FOR UPDATE SKIP LOCKED
        )
        UPDATE jobs SET enqueued = true FROM due WHERE jobs.id = due.id
        RETURNING jobs.*
        """;
}
