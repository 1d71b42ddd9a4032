using JobPlatform.Engine.Data;
using JobPlatform.Engine.Execution;
using Npgsql;
using NpgsqlTypes;
using static JobPlatform.Engine.Jobs.JobStatuses;

namespace JobPlatform.Engine.Store;

/// <summary>
/// Jobs that start jobs: a step that ends by starting children records them, its checkpoint and its wait in one
/// statement, under its lease; the database counts their ends on the parent (migration 0007) and queues it again after
/// the last one; its next step reads how they ended.
/// </summary>
public sealed partial class JobStore
{
    /// <summary>
    /// The attempt that holds <paramref name="lease"/> starts <paramref name="children"/> (queued, uncharged, in their
    /// lanes) and its job waits for them with <paramref name="checkpoint"/>. The step is not counted as an attempt: the
    /// next step continues the same one. Null, and nothing recorded, when the lease is lost or the owner asked to cancel.
    /// </summary>
    public Task<Job?> AwaitChildrenAsync(JobLease lease, string checkpoint, IReadOnlyList<Job> children, int progressWhenChildrenEnd, int maxAttempts,
        CancellationToken cancellationToken) =>
        OnConnectionAsync(async connection =>
        {
            await using var command = new NpgsqlCommand(AwaitChildrenSql, connection)
            {
                Parameters =
                {
                    new() { Value = lease.JobId },
                    new() { Value = lease.Owner },
                    new() { Value = checkpoint },
                    new() { Value = progressWhenChildrenEnd },
                    new() { Value = maxAttempts },
                    new() { Value = children.Select(c => c.Id).ToArray() },
                    new() { Value = children.Select(c => c.JobType).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                    new() { Value = children.Select(c => c.Priority).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                    new() { Value = children.Select(c => c.Parameters).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                },
            };
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return (await JobRows.ReadAsync(reader, cancellationToken)).SingleOrDefault();
        }, cancellationToken);

    /// <summary>Every child of <paramref name="parentId"/>, in the order it started them.</summary>
    public Task<List<Job>> ReadChildrenAsync(Guid parentId, CancellationToken cancellationToken) =>
        ReadJobsAsync("SELECT * FROM jobs WHERE parent_id = $1 ORDER BY id", [parentId], cancellationToken);

    /// <summary>
    /// $1 job id, $2 lease token, $3 checkpoint, $4 progress when the children end, $5 their attempts, $6-$9 their ids,
    /// types, lanes and parameters. Children enter their lanes' queues (the lane row is locked after the parent's, and
    /// accept locks no job row, so the two never wait on each other in a cycle); they never enter their tenant's counts.
    /// </summary>
    private const string AwaitChildrenSql = $$"""
        WITH parent AS (
            UPDATE jobs SET status = '{{Waiting}}', checkpoint = $3::jsonb, snooze_state = NULL, attempts = attempts - 1,
                children_total = cardinality($6::uuid[]), children_ended = 0,
                children_progress_from = progress_percent, children_progress_to = greatest($4, progress_percent),
                lease_owner = NULL, heartbeat_at = NULL
            WHERE id = $1 AND lease_owner = $2 AND status = '{{Processing}}' AND NOT cancel_requested
            RETURNING *
        ), children AS (
            INSERT INTO jobs (id, tenant_id, user_id, job_type, priority, status, parameters, cost, max_attempts, created_at, run_after, parent_id)
            SELECT c.id, parent.tenant_id, parent.user_id, c.job_type, c.priority, '{{Queued}}', c.parameters::jsonb, 0, $5, now(), now(), parent.id
            FROM parent, unnest($6::uuid[], $7::text[], $8::text[], $9::text[]) AS c(id, job_type, priority, parameters)
            RETURNING priority
        ), entered AS (
            UPDATE lanes l SET jobs_entered = l.jobs_entered + c.jobs
            FROM (SELECT priority, count(*) AS jobs FROM children GROUP BY priority) c
            WHERE l.priority = c.priority
        )
        SELECT * FROM parent
        """;
}
