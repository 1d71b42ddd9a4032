using JobPlatform.Engine.Data;
using JobPlatform.Engine.Execution;
using Microsoft.EntityFrameworkCore;
using static JobPlatform.Engine.Jobs.JobStatuses;

namespace JobPlatform.Engine.Store;

/// <summary>
/// Snoozed steps: a step that waits for something outside the platform gives its worker slot back; its job waits with
/// the step's state until it is due, when the outbox queues it again and publishes it (<see cref="PublishOverdueAsync"/>).
/// </summary>
public sealed partial class JobStore
{
    /// <summary>
    /// The attempt that holds <paramref name="lease"/> snoozes for <paramref name="delay"/> with <paramref name="state"/>.
    /// Not counted as an attempt: the next step continues the same one. Null, and nothing recorded, when the lease is
    /// lost or the owner asked to cancel.
    /// </summary>
    public async Task<Job?> SnoozeAsync(JobLease lease, TimeSpan delay, string state, CancellationToken cancellationToken) =>
        (await db.Jobs.FromSqlRaw(SnoozeSql, lease.JobId, lease.Owner, delay, state).AsNoTracking().ToListAsync(cancellationToken)).SingleOrDefault();

    /// <summary>
    /// Snoozed jobs whose time has come are queued again, back in their lanes' queues, for the outbox to publish. In a
    /// transaction of its own, committed before they are published: a worker's claim only waits for a row that was
    /// already queued when its statement began, so a message sent before the job is committed queued would find it
    /// still waiting, and be dropped.
    /// </summary>
    private Task<int> WakeSnoozedAsync(CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlRawAsync(WakeSnoozedSql, cancellationToken);

    /// <summary>
    /// {0} job id, {1} lease token, {2} delay, {3} state. The job stays in its tenant's active jobs and out of its lane's
    /// queue (it left the queue when it was claimed) until it wakes.
    /// </summary>
    private const string SnoozeSql = $$"""
        UPDATE jobs SET status = '{{Waiting}}', snooze_state = {3}::jsonb, run_after = now() + {2}, attempts = attempts - 1,
            enqueued = false, lease_owner = NULL, heartbeat_at = NULL
        WHERE id = {0} AND lease_owner = {1} AND status = '{{Processing}}' AND NOT cancel_requested
        RETURNING *
        """;

    /// <summary>Rows another transaction holds are skipped: one replica's outbox never waits for another's.</summary>
    private const string WakeSnoozedSql = $$"""
        WITH due AS (
            SELECT id FROM jobs WHERE status = '{{Waiting}}' AND snooze_state IS NOT NULL AND run_after <= now()
            ORDER BY run_after LIMIT 500
            FOR UPDATE SKIP LOCKED
        ), woken AS (
            UPDATE jobs SET status = '{{Queued}}', enqueued = false FROM due WHERE jobs.id = due.id
            RETURNING jobs.priority
        )
        INSERT INTO lane_job_exits (priority, jobs)
        SELECT priority, -count(*) FROM woken GROUP BY priority ORDER BY priority
        {{AddToLaneExits}}
        """;
}
