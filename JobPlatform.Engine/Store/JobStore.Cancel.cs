using JobPlatform.Engine.Jobs;
using Microsoft.EntityFrameworkCore;
using static JobPlatform.Engine.Jobs.JobStatuses;

namespace JobPlatform.Engine.Store;

/// <summary>An owner cancels a job.</summary>
public sealed partial class JobStore
{
    /// <summary>
    /// A queued job is cancelled at once and refunded (it never starts: a claim needs status queued); a running one is
    /// flagged, and its attempt stops at its next heartbeat, not refunded (it had started); a job waiting for its
    /// children is cancelled at once, not refunded, and so are its children: the queued ones at once, the running ones
    /// flagged. A child job is never refunded (it was never charged). Null when the user owns no such job.
    /// </summary>
    public Task<OwnerCancellation?> CancelAsync(Guid userId, Guid jobId, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            // Its children first, then the job: the order in which a child's end reaches its parent (the child's row,
            // then the parent's, migration 0007's trigger), so a cancellation and a child's end never deadlock.
            await db.Database.ExecuteSqlAsync(
                $"SELECT id FROM jobs WHERE parent_id = {jobId} AND user_id = {userId} ORDER BY id FOR UPDATE", cancellationToken);
            var job = await db.Jobs.FromSql($"SELECT * FROM jobs WHERE id = {jobId} AND user_id = {userId} FOR UPDATE")
                .SingleOrDefaultAsync(cancellationToken);
            if (job is null)
            {
                return null;
            }

            List<Guid> runningChildren = [];
            switch (job.Status)
            {
                case JobStatuses.Queued:
                    job.Status = JobStatuses.Cancelled;
                    job.CompletedAt = now;
                    job.ProgressMessage = "Cancelled by the owner";
                    // Saved before the counters: a child's end locks its parent's row (migration 0007's trigger) and
                    // the parent's requeue takes a counter row, so every ending statement locks job rows first, then
                    // counter rows. Taking a counter row first could deadlock with a completion batch sharing its shard.
                    await db.SaveChangesAsync(cancellationToken);
                    await (job.ParentId is null
                        ? db.Database.ExecuteSqlRawAsync(RefundQueuedSql, [job.TenantId, job.Cost, job.Priority], cancellationToken)
                        : db.Database.ExecuteSqlRawAsync(LeaveLaneSql, [job.Priority], cancellationToken));
                    break;
                case JobStatuses.Processing:
                    job.CancelRequested = true;
                    break;
                case JobStatuses.Waiting:
                    job.Status = JobStatuses.Cancelled;
                    job.CompletedAt = now;
                    job.ProgressMessage = "Cancelled by the owner";
                    // Saved before its children end: their ends must find it no longer waiting (migration 0007's trigger).
                    await db.SaveChangesAsync(cancellationToken);
                    if (job.ParentId is null)
                    {
                        await db.Database.ExecuteSqlRawAsync(LeaveTenantSql, [job.TenantId], cancellationToken);
                    }

                    runningChildren = await db.Database.SqlQueryRaw<Guid>(CancelChildrenSql, jobId).ToListAsync(cancellationToken);
                    break;
                default:
                    return new OwnerCancellation(job, AlreadyFinished: true, []);
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new OwnerCancellation(job, AlreadyFinished: false, runningChildren);
        });

    /// <summary>
    /// {0} tenant, {1} cost, {2} lane: a queued job that will never run is refunded and leaves its tenant's active jobs
    /// and its lane's queue (see <c>JobStore.Counters.cs</c>), the tenant's row first, as every transaction takes them.
    /// </summary>
    private const string RefundQueuedSql = $$"""
        WITH refunded AS (
            UPDATE tenants SET credits = credits + {1} WHERE id = {0}
        ), left_tenant AS (
            INSERT INTO tenant_job_exits (tenant_id, jobs) VALUES ({0}, 1) {{AddToTenantExits}}
        )
        INSERT INTO lane_job_exits (priority, jobs) VALUES ({2}, 1) {{AddToLaneExits}}
        """;

    /// <summary>{0} lane: a queued child leaves its lane's queue; it never counted for its tenant, nor was it charged.</summary>
    private const string LeaveLaneSql = $$"""
        INSERT INTO lane_job_exits (priority, jobs) VALUES ({0}, 1) {{AddToLaneExits}}
        """;

    /// <summary>{0} tenant: a job that had started leaves its tenant's active jobs, unrefunded.</summary>
    private const string LeaveTenantSql = $$"""
        INSERT INTO tenant_job_exits (tenant_id, jobs) VALUES ({0}, 1) {{AddToTenantExits}}
        """;

    /// <summary>
    /// {0} parent: its queued (and waiting) children are cancelled and leave their lanes, its running ones are flagged;
    /// returns the ids of those, whose workers must be told. Rows locked in id order, as every batched transition does.
    /// </summary>
    private const string CancelChildrenSql = $$"""
        WITH chosen AS (
            SELECT id, status AS was FROM jobs WHERE parent_id = {0} AND status IN ('{{Queued}}', '{{Waiting}}', '{{Processing}}')
            ORDER BY id FOR UPDATE
        ), cancelled AS (
            UPDATE jobs SET status = '{{Cancelled}}', completed_at = now(), progress_message = 'Cancelled with its parent'
            FROM chosen WHERE jobs.id = chosen.id AND chosen.was <> '{{Processing}}'
            RETURNING jobs.priority, chosen.was
        ), left_lanes AS (
            INSERT INTO lane_job_exits (priority, jobs)
            SELECT priority, count(*) FROM cancelled WHERE was = '{{Queued}}' GROUP BY priority ORDER BY priority
            {{AddToLaneExits}}
        ), flagged AS (
            UPDATE jobs SET cancel_requested = true FROM chosen WHERE jobs.id = chosen.id AND chosen.was = '{{Processing}}'
            RETURNING jobs.id
        )
        SELECT id AS "Value" FROM flagged
        """;
}
