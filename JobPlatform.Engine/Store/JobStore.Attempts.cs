using JobPlatform.Engine.Data;
using JobPlatform.Engine.Execution;
using Microsoft.EntityFrameworkCore;
using static JobPlatform.Engine.Jobs.JobStatuses;

namespace JobPlatform.Engine.Store;

/// <summary>
/// A worker's attempt: every change it makes to its job, each one conditional SQL statement. An attempt is owned by
/// the lease token it wrote into <c>lease_owner</c> when it claimed the job (unique per attempt): an attempt that lost
/// its lease (declared dead, or the job cancelled) changes nothing, so a job completes exactly once however often its
/// message is delivered. Claims and completions come in batches (<see cref="ClaimBatcher"/>,
/// <see cref="CompletionBatcher"/>); the rarer changes are one statement each.
/// </summary>
public sealed partial class JobStore
{
    /// <summary>
    /// Takes queued, due jobs for one attempt each, under each request's lease; returns those taken. A job that is
    /// finished, cancelled, not due or running elsewhere is not returned. Rows are locked in id order, as in every
    /// batched transition, so two batches that share a job (a duplicate delivery) wait for each other, never deadlock.
    /// </summary>
    public Task<List<Job>> ClaimAsync(IReadOnlyList<JobLease> leases, CancellationToken cancellationToken) =>
        ReadJobsAsync(ClaimSql, [leases.Select(l => l.JobId).ToArray(), leases.Select(l => l.Owner).ToArray()], cancellationToken);

    /// <summary>Renews the attempt's lease (its heartbeat is now) if it still holds it, and says whether the owner asked to cancel.</summary>
    public async Task<LeaseRenewal> RenewLeaseAsync(Guid jobId, string owner, CancellationToken cancellationToken)
    {
        var cancelRequested = await db.Database.SqlQueryRaw<bool>(RenewLeaseSql, jobId, owner).ToListAsync(cancellationToken);
        return cancelRequested switch
        {
            [false] => LeaseRenewal.Renewed,
            [true] => LeaseRenewal.CancelRequested,
            _ => LeaseRenewal.Lost,
        };
    }

    /// <summary>
    /// Records the handler's progress while the attempt holds the lease. It does not renew the lease: only the
    /// heartbeat does, so an attempt that gave its lease up cannot extend it by reporting progress.
    /// </summary>
    public Task<Job?> ReportProgressAsync(Guid jobId, string owner, int percent, string? message, CancellationToken cancellationToken) =>
        SingleAsync(db.Jobs.FromSqlRaw(ReportProgressSql, jobId, owner, percent, message), cancellationToken);

    /// <summary>Records successful attempts that still hold their lease; returns the jobs completed.</summary>
    public Task<List<Job>> CompleteAsync(IReadOnlyList<JobCompletion> completions, CancellationToken cancellationToken) =>
        ReadJobsAsync(CompleteSql,
            [completions.Select(c => c.Lease.JobId).ToArray(), completions.Select(c => c.Lease.Owner).ToArray(), completions.Select(c => c.Result).ToArray()],
            cancellationToken);

    /// <summary>The handler stopped on a cancellation the owner asked for. Credits are not refunded: the job had started.</summary>
    public Task<Job?> MarkCancelledAsync(Guid jobId, string owner, CancellationToken cancellationToken) =>
        SingleAsync(db.Jobs.FromSqlRaw(MarkCancelledSql, jobId, owner), cancellationToken);

    /// <summary>
    /// A failed attempt: queued again after <paramref name="retryDelay"/> while attempts remain, else failed for good,
    /// dead-lettered, and its credits refunded, in one statement. A job whose owner asked to cancel it while it ran is
    /// cancelled instead (not refunded: it had started).
    /// </summary>
    public Task<Job?> FailAttemptAsync(Guid jobId, string owner, string error, TimeSpan retryDelay, CancellationToken cancellationToken) =>
        EndAttemptAsync(jobId, owner, error, retryDelay, expiredOnly: false, TimeSpan.Zero, cancellationToken);

    /// <summary>
    /// A failed attempt that no retry can mend (<see cref="Jobs.PermanentJobFailureException"/>): failed for good at
    /// once, whatever attempts remain, as after the last one; or cancelled when its owner asked meanwhile.
    /// </summary>
    public Task<Job?> FailForGoodAsync(Guid jobId, string owner, string error, CancellationToken cancellationToken) =>
        SingleAsync(db.Jobs.FromSqlRaw(EndAttemptSql, jobId, owner, error, TimeSpan.Zero, false, TimeSpan.Zero, true), cancellationToken);

    /// <summary>
    /// <see cref="FailAttemptAsync"/>, or when <paramref name="expiredOnly"/>, the same only if the heartbeat is still older
    /// than <paramref name="leaseTimeout"/> when the row is locked: a renewal that landed after the sweeper read the job
    /// keeps it with its attempt.
    /// </summary>
    private Task<Job?> EndAttemptAsync(Guid jobId, string owner, string error, TimeSpan retryDelay, bool expiredOnly,
        TimeSpan leaseTimeout, CancellationToken cancellationToken) =>
        SingleAsync(db.Jobs.FromSqlRaw(EndAttemptSql, jobId, owner, error, retryDelay, expiredOnly, leaseTimeout, false), cancellationToken);

    /// <summary>
    /// The worker is shutting down: the attempt is given back uncounted, to run again at once elsewhere; or, when its
    /// owner asked to cancel it meanwhile, cancelled (no claim takes a job with a cancellation request).
    /// </summary>
    public async Task<int> ReleaseAsync(Guid jobId, string owner, CancellationToken cancellationToken) =>
        (await db.Database.SqlQueryRaw<int>(ReleaseSql, jobId, owner).ToListAsync(cancellationToken)).Single();

    /// <summary>
    /// Upserts result rows, only while the attempt still holds the job's lease. The job's row is share-locked for the
    /// check: a reclaim committed meanwhile is seen (the rows are not written), and one that comes later waits for them,
    /// so no row lands after the attempt lost its lease.
    /// </summary>
    public Task<int> WriteResultRowsAsync(Guid jobId, string owner, int firstRowNo, IReadOnlyList<string> rows, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlRawAsync(WriteResultRowsSql,
            [jobId, owner, Enumerable.Range(firstRowNo, rows.Count).ToArray(), rows.ToArray()], cancellationToken);

    // The statements are constants: status words are inlined from JobStatuses when this compiles, not sent as
    // parameters, so that the planner can match them to the partial indexes on status. {n} (EF Core) and $n (Npgsql)
    // are the parameters, in the order the methods above pass them.

    /// <summary>$1 job ids, $2 their attempts' lease tokens.</summary>
    private const string ClaimSql = $$"""
        WITH claimable AS (
            SELECT jobs.id, c.owner FROM jobs JOIN unnest($1::uuid[], $2::text[]) AS c(id, owner) ON jobs.id = c.id
            WHERE jobs.status = '{{Queued}}' AND NOT jobs.cancel_requested AND jobs.run_after <= now() + interval '1 second'
            ORDER BY jobs.id
            FOR UPDATE OF jobs
        ), claimed AS (
            UPDATE jobs SET status = '{{Processing}}', attempts = attempts + 1, started_at = coalesce(started_at, now()),
                heartbeat_at = now(), lease_owner = claimable.owner, error_message = NULL
            FROM claimable WHERE jobs.id = claimable.id
            RETURNING jobs.*
        ), left_lanes AS (
            INSERT INTO lane_job_exits (priority, jobs)
            SELECT priority, count(*) FROM claimed GROUP BY priority ORDER BY priority
            {{AddToLaneExits}}
        )
        SELECT * FROM claimed
        """;

    /// <summary>{0} job id, {1} lease token.</summary>
    private const string RenewLeaseSql = $$"""
        UPDATE jobs SET heartbeat_at = now() WHERE id = {0} AND lease_owner = {1} AND status = '{{Processing}}'
        RETURNING cancel_requested AS "Value"
        """;

    /// <summary>{0} job id, {1} lease token, {2} percent, {3} message.</summary>
    private const string ReportProgressSql = $$"""
        UPDATE jobs SET progress_percent = {2}, progress_message = {3}
        WHERE id = {0} AND lease_owner = {1} AND status = '{{Processing}}'
        RETURNING *
        """;

    /// <summary>$1 job ids, $2 lease tokens, $3 results (JSON text or null).</summary>
    private const string CompleteSql = $$"""
        WITH completed AS (
            SELECT jobs.id, c.result FROM jobs JOIN unnest($1::uuid[], $2::text[], $3::text[]) AS c(id, owner, result)
                ON jobs.id = c.id AND jobs.lease_owner = c.owner
            WHERE jobs.status = '{{Processing}}'
            ORDER BY jobs.id
            FOR UPDATE OF jobs
        ), finished AS (
            UPDATE jobs SET status = '{{Completed}}', result = completed.result::jsonb, completed_at = now(), progress_percent = 100,
                lease_owner = NULL, heartbeat_at = NULL, snooze_state = NULL
            FROM completed WHERE jobs.id = completed.id
            RETURNING jobs.*
        ), left_tenants AS (
            INSERT INTO tenant_job_exits (tenant_id, jobs)
            SELECT tenant_id, count(*) FROM finished WHERE parent_id IS NULL GROUP BY tenant_id ORDER BY tenant_id
            {{AddToTenantExits}}
        )
        SELECT * FROM finished
        """;

    /// <summary>{0} job id, {1} lease token.</summary>
    private const string MarkCancelledSql = $$"""
        WITH cancelled AS (
            UPDATE jobs SET status = '{{Cancelled}}', completed_at = now(), lease_owner = NULL, heartbeat_at = NULL,
                progress_message = 'Cancelled by the owner'
            WHERE id = {0} AND lease_owner = {1} AND status = '{{Processing}}'
            RETURNING *
        ), left_tenant AS (
            INSERT INTO tenant_job_exits (tenant_id, jobs) SELECT tenant_id, 1 FROM cancelled WHERE parent_id IS NULL {{AddToTenantExits}}
        )
        SELECT * FROM cancelled
        """;

    /// <summary>
    /// {0} job id, {1} lease token, {2} error, {3} retry delay, {4} only if expired, {5} lease timeout, {6} no retry.
    /// A child job is never dead-lettered on its own: its parent sees its failure and decides.
    /// </summary>
    private const string EndAttemptSql = $$"""
        WITH failed AS (
            UPDATE jobs SET
                status = CASE WHEN cancel_requested THEN '{{Cancelled}}' WHEN attempts < max_attempts AND NOT {6} THEN '{{Queued}}' ELSE '{{Failed}}' END,
                enqueued = false, run_after = now() + {3}, error_message = {2}, snooze_state = NULL,
                lease_owner = NULL, heartbeat_at = NULL,
                progress_message = CASE WHEN cancel_requested THEN 'Cancelled by the owner' ELSE progress_message END,
                completed_at = CASE WHEN cancel_requested OR attempts >= max_attempts OR {6} THEN now() END,
                dead_lettered_at = CASE WHEN NOT cancel_requested AND (attempts >= max_attempts OR {6}) AND parent_id IS NULL THEN now() END
            WHERE id = {0} AND lease_owner = {1} AND status = '{{Processing}}'
                AND (NOT {4} OR heartbeat_at < now() - {5})
            RETURNING *
        ), refunded AS (
            UPDATE tenants t SET credits = t.credits + failed.cost
            FROM failed WHERE t.id = failed.tenant_id AND failed.status = '{{Failed}}'
        ), left_tenant AS (
            INSERT INTO tenant_job_exits (tenant_id, jobs) SELECT tenant_id, 1 FROM failed WHERE status <> '{{Queued}}' AND parent_id IS NULL {{AddToTenantExits}}
        ), back_in_lane AS (
            INSERT INTO lane_job_exits (priority, jobs) SELECT priority, -1 FROM failed WHERE status = '{{Queued}}' {{AddToLaneExits}}
        )
        SELECT * FROM failed
        """;

    /// <summary>{0} job id, {1} lease token.</summary>
    private const string ReleaseSql = $$"""
        WITH released AS (
            UPDATE jobs SET status = CASE WHEN cancel_requested THEN '{{Cancelled}}' ELSE '{{Queued}}' END,
                attempts = attempts - 1, enqueued = false, run_after = now(), lease_owner = NULL, heartbeat_at = NULL,
                completed_at = CASE WHEN cancel_requested THEN now() END,
                progress_message = CASE WHEN cancel_requested THEN 'Cancelled by the owner' ELSE progress_message END
            WHERE id = {0} AND lease_owner = {1} AND status = '{{Processing}}'
            RETURNING tenant_id, priority, status, parent_id
        ), left_tenant AS (
            INSERT INTO tenant_job_exits (tenant_id, jobs) SELECT tenant_id, 1 FROM released WHERE status = '{{Cancelled}}' AND parent_id IS NULL {{AddToTenantExits}}
        ), back_in_lane AS (
            INSERT INTO lane_job_exits (priority, jobs) SELECT priority, -1 FROM released WHERE status = '{{Queued}}' {{AddToLaneExits}}
        )
        SELECT count(*)::int AS "Value" FROM released
        """;

    /// <summary>{0} job id, {1} lease token, {2} row numbers, {3} rows (JSON text).</summary>
    private const string WriteResultRowsSql = $$"""
        INSERT INTO job_results (job_id, row_no, data)
        SELECT {0}, r.row_no, r.data::jsonb FROM unnest({2}, {3}) AS r(row_no, data)
        WHERE EXISTS (SELECT 1 FROM jobs WHERE id = {0} AND lease_owner = {1} AND status = '{{Processing}}' FOR SHARE)
        ON CONFLICT (job_id, row_no) DO UPDATE SET data = excluded.data
        """;
}
