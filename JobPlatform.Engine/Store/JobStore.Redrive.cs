using JobPlatform.Engine.Rules;
using Microsoft.EntityFrameworkCore;
using static JobPlatform.Engine.Jobs.JobStatuses;

namespace JobPlatform.Engine.Store;

/// <summary>An operator redrives a dead-lettered job.</summary>
public sealed partial class JobStore
{
    /// <summary>
    /// Gives a dead-lettered job a fresh set of attempts on top of those it used (attempts keep counting, so a handler
    /// sees how often it ran), and charges its cost again, as for a new job: the job and its tenant are locked (in that
    /// order, as a cancellation locks them), <see cref="AcceptRules.Covers"/> decides, and both change in one transaction.
    /// </summary>
    public Task<RedriveOutcome> RedriveAsync(Guid jobId, CancellationToken cancellationToken) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async Task<RedriveOutcome> () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var charge = await db.Database.SqlQuery<RedriveCharge>($"""
                SELECT j.tenant_id AS "TenantId", j.cost AS "Cost", j.priority AS "Priority", t.credits AS "Credits"
                FROM jobs j JOIN tenants t ON t.id = j.tenant_id
                WHERE j.id = {jobId} AND j.dead_lettered_at IS NOT NULL
                FOR UPDATE
                """).ToListAsync(cancellationToken);
            if (charge is not [var found])
            {
                return new RedriveOutcome.NotDeadLettered();
            }

            if (!AcceptRules.Covers(found.Credits, found.Cost))
            {
                return new RedriveOutcome.InsufficientCredits();
            }

            await db.Database.ExecuteSqlRawAsync(ChargeRedriveSql, [found.TenantId, found.Cost, found.Priority], cancellationToken);
            var attempts = options.Value.Retries.MaxAttempts;
            var job = await SingleAsync(db.Jobs.FromSqlRaw(RequeueDeadLetterSql, jobId, attempts), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new RedriveOutcome.Queued(job!);
        });

    /// <summary>
    /// {0} tenant, {1} cost, {2} lane: charged again, and the job enters its tenant's active jobs and its lane's queue
    /// again (see <c>JobStore.Counters.cs</c>); the lane's row is locked after the tenant's, as accept locks them.
    /// </summary>
    private const string ChargeRedriveSql = """
        WITH charged AS (
            UPDATE tenants SET credits = credits - {1}, jobs_entered = jobs_entered + 1 WHERE id = {0}
        )
        UPDATE lanes SET jobs_entered = jobs_entered + 1 WHERE priority = {2}
        """;

    /// <summary>{0} job id, {1} its fresh attempts. Status words inlined as constants (see <c>JobStore.Attempts.cs</c>).</summary>
    private const string RequeueDeadLetterSql = $$"""
        UPDATE jobs SET status = '{{Queued}}', dead_lettered_at = NULL, completed_at = NULL, enqueued = false, run_after = now(),
            max_attempts = attempts + {1}, progress_percent = 0, progress_message = NULL, error_message = NULL
        WHERE id = {0}
        RETURNING *
        """;

    private sealed record RedriveCharge(Guid TenantId, int Cost, string Priority, long Credits);
}
