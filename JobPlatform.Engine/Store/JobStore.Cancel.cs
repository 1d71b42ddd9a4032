using JobPlatform.Engine.Jobs;
using Microsoft.EntityFrameworkCore;

namespace JobPlatform.Engine.Store;

/// <summary>An owner cancels a job.</summary>
public sealed partial class JobStore
{
    /// <summary>
    /// A queued job is cancelled at once and refunded (it never starts: a claim needs status queued); a running one is
    /// flagged, and its attempt stops at its next heartbeat, not refunded (it had started). Null when the user owns no
    /// such job.
    /// </summary>
    public Task<OwnerCancellation?> CancelAsync(Guid userId, Guid jobId, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var job = await db.Jobs.FromSql($"SELECT * FROM jobs WHERE id = {jobId} AND user_id = {userId} FOR UPDATE")
                .SingleOrDefaultAsync(cancellationToken);
            if (job is null)
            {
                return null;
            }

            switch (job.Status)
            {
                case JobStatuses.Queued:
                    job.Status = JobStatuses.Cancelled;
                    job.CompletedAt = now;
                    job.ProgressMessage = "Cancelled by the owner";
                    await db.Database.ExecuteSqlRawAsync(RefundQueuedSql, [job.TenantId, job.Cost, job.Priority], cancellationToken);
                    break;
                case JobStatuses.Processing:
                    job.CancelRequested = true;
                    break;
                default:
                    return new OwnerCancellation(job, AlreadyFinished: true);
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new OwnerCancellation(job, AlreadyFinished: false);
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
}
