namespace JobPlatform.Engine.Store;

/// <summary>
/// The counters accept decides from (migration 0006), kept exact by the statements that move jobs, in the same
/// statement or transaction as the move:
/// <list type="bullet">
/// <item>a tenant's active jobs = <c>tenants.jobs_entered</c> (accept, redrive) - the sum of <c>tenant_job_exits.jobs</c>
/// (completed, failed for good, cancelled);</item>
/// <item>a lane's queued jobs = <c>lanes.jobs_entered</c> (accept, redrive) - the sum of <c>lane_job_exits.jobs</c> (claimed,
/// cancelled while queued; minus those queued again: retried, released, rescued);</item>
/// <item>a tenant's jobs today: <c>tenants.jobs_today</c> of <c>tenants.jobs_day</c> (accept).</item>
/// </list>
/// The entering sides change only under the row locks accept takes anyway; the leaving sides are rows of their own, so
/// the workers' transitions never wait for an accept batch, and sharded by connection (the column's default), so that
/// concurrent batches of different workers rarely wait for each other either. A statement that counts several rows
/// upserts them in key order, so that concurrent batches lock them in the same order and never deadlock.
/// </summary>
public sealed partial class JobStore
{
    /// <summary>Completes <c>INSERT INTO tenant_job_exits (tenant_id, jobs) SELECT ... ORDER BY tenant_id</c> (the shard is the connection's).</summary>
    private const string AddToTenantExits = "ON CONFLICT (tenant_id, shard) DO UPDATE SET jobs = tenant_job_exits.jobs + excluded.jobs";

    /// <summary>Completes <c>INSERT INTO lane_job_exits (priority, jobs) SELECT ... ORDER BY priority</c> (the shard is the connection's).</summary>
    private const string AddToLaneExits = "ON CONFLICT (priority, shard) DO UPDATE SET jobs = lane_job_exits.jobs + excluded.jobs";
}
