using JobPlatform.Engine.Data;
using JobPlatform.Engine.Jobs;
using JobPlatform.Engine.Rules;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using static JobPlatform.Engine.Jobs.JobStatuses;

namespace JobPlatform.Engine.Store;

/// <summary>
/// Accept: a batch of requests is one transaction of two round trips: lock the batch's tenants and lanes and read
/// their counters (<c>JobStore.Counters.cs</c>); then insert the jobs <see cref="AcceptRules"/> let pass, count them,
/// deduct their credits and commit. The row locks order the batches of all replicas, so quotas, lane capacities and
/// balances hold exactly; the rules decide in between, in this process, from the counters read under those locks.
/// </summary>
public sealed partial class JobStore
{
    /// <summary>A decision per request, in order; the accepted jobs are committed when this returns.</summary>
    public Task<IReadOnlyList<AcceptDecision>> AcceptAsync(IReadOnlyList<PendingJob> batch) =>
        OnConnectionAsync<IReadOnlyList<AcceptDecision>>(async connection =>
        {
            var decisions = new AcceptRules(options.Value).Decide(batch, await LockAndCountAsync(connection, batch));
            var accepted = batch.Where((_, i) => decisions[i] is AcceptDecision.Accepted).Select(p => p.Job).ToList();
            var inserted = await InsertAndCommitAsync(connection, accepted, Today(batch));
            // Not inserted: a concurrent request with the same idempotency key won, the owner has a live job with the
            // same active key, or (after a retried batch whose commit went through) the job itself is already there.
            return decisions.Select((decision, i) => decision is AcceptDecision.Accepted && !inserted.Contains(batch[i].Job.Id)
                ? batch[i].Job.IdempotencyKey is not null ? new AcceptDecision.IdempotencyKeyTaken() : new AcceptDecision.ActiveKeyTaken()
                : decision).ToArray();
        }, CancellationToken.None);

    /// <summary>
    /// One round trip: BEGIN, lock the batch's tenants, then its lanes, each in key order (no deadlock between
    /// replicas), and read their counters (see migration 0006): constant work whatever the backlog or the day's volume.
    /// NO KEY UPDATE, the strength an update of non-key columns takes: accept batches still wait for each other, but a
    /// worker's first count for a tenant or lane (a new row whose foreign key share-locks it) does not wait for them.
    /// </summary>
    private static async Task<AcceptCounts> LockAndCountAsync(NpgsqlConnection connection, IReadOnlyList<PendingJob> batch)
    {
        var tenantIds = batch.Select(p => p.Job.TenantId).Distinct().ToArray();
        var lanes = batch.Select(p => p.Job.Priority).Distinct().ToArray();
        await using var command = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("BEGIN"),
                new NpgsqlBatchCommand("""
                    SELECT t.id, t.credits,
                        (t.jobs_entered - coalesce((SELECT sum(x.jobs) FROM tenant_job_exits x WHERE x.tenant_id = t.id), 0))::int,
                        CASE WHEN t.jobs_day = $2 THEN t.jobs_today ELSE 0 END
                    FROM tenants t
                    WHERE t.id = ANY($1) ORDER BY t.id FOR NO KEY UPDATE
                    """)
                {
                    Parameters = { new() { Value = tenantIds }, new() { Value = Today(batch), NpgsqlDbType = NpgsqlDbType.Date } },
                },
                new NpgsqlBatchCommand("""
                    SELECT l.priority, (l.jobs_entered - coalesce((SELECT sum(x.jobs) FROM lane_job_exits x WHERE x.priority = l.priority), 0))::int
                    FROM lanes l
                    WHERE l.priority = ANY($1) ORDER BY l.priority FOR NO KEY UPDATE
                    """)
                {
                    Parameters = { new() { Value = lanes } },
                },
            },
        };

        var counted = new Dictionary<Guid, TenantCounts>();
        var queued = new Dictionary<string, int>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            counted[reader.GetGuid(0)] = new TenantCounts(reader.GetInt64(1), reader.GetInt32(2), reader.GetInt32(3));
        }

        await reader.NextResultAsync();
        while (await reader.ReadAsync())
        {
            queued[reader.GetString(0)] = reader.GetInt32(1);
        }

        return new AcceptCounts(counted, queued);
    }

    /// <summary>The UTC day a batch counts against: the day its first request arrived.</summary>
    private static DateOnly Today(IReadOnlyList<PendingJob> batch) => DateOnly.FromDateTime(batch[0].Job.CreatedAt.UtcDateTime);

    /// <summary>
    /// One round trip: insert the accepted jobs; count what was inserted into each tenant's and lane's entering
    /// counters and deduct its cost from each tenant (rows this transaction locked); COMMIT.
    /// </summary>
    private static async Task<HashSet<Guid>> InsertAndCommitAsync(NpgsqlConnection connection, List<Job> jobs, DateOnly today)
    {
        await using var command = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand($"""
                    WITH inserted AS (
                        INSERT INTO jobs (id, tenant_id, user_id, job_type, priority, status, parameters, idempotency_key, request_hash,
                            cost, max_attempts, created_at, run_after, active_key)
                        SELECT j.id, j.tenant_id, j.user_id, j.job_type, j.priority, '{Queued}', j.parameters::jsonb, j.idempotency_key,
                            j.request_hash, j.cost, j.max_attempts, j.created_at, j.created_at, j.active_key
                        FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::bytea[],
                            $9::int[], $10::int[], $11::timestamptz[], $13::text[])
                            AS j(id, tenant_id, user_id, job_type, priority, parameters, idempotency_key, request_hash, cost, max_attempts, created_at, active_key)
                        ON CONFLICT DO NOTHING
                        RETURNING id, tenant_id, priority, cost
                    ), charged AS (
                        UPDATE tenants t SET credits = t.credits - c.total, jobs_entered = t.jobs_entered + c.jobs,
                            jobs_today = CASE WHEN t.jobs_day = $12 THEN t.jobs_today + c.jobs ELSE c.jobs END, jobs_day = $12
                        FROM (SELECT tenant_id, sum(cost) AS total, count(*) AS jobs FROM inserted GROUP BY tenant_id) c
                        WHERE t.id = c.tenant_id
                    ), queued AS (
                        UPDATE lanes l SET jobs_entered = l.jobs_entered + c.jobs
                        FROM (SELECT priority, count(*) AS jobs FROM inserted GROUP BY priority) c
                        WHERE l.priority = c.priority
                    )
                    SELECT id FROM inserted
                    """)
                {
                    Parameters =
                    {
                        new() { Value = jobs.Select(j => j.Id).ToArray() },
                        new() { Value = jobs.Select(j => j.TenantId).ToArray() },
                        new() { Value = jobs.Select(j => j.UserId).ToArray() },
                        new() { Value = jobs.Select(j => j.JobType).ToArray() },
                        new() { Value = jobs.Select(j => j.Priority).ToArray() },
                        new() { Value = jobs.Select(j => j.Parameters).ToArray() },
                        new() { Value = jobs.Select(j => j.IdempotencyKey).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                        new() { Value = jobs.Select(j => j.RequestHash).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea },
                        new() { Value = jobs.Select(j => j.Cost).ToArray() },
                        new() { Value = jobs.Select(j => j.MaxAttempts).ToArray() },
                        new() { Value = jobs.Select(j => j.CreatedAt).ToArray() },
                        new() { Value = today, NpgsqlDbType = NpgsqlDbType.Date },
                        new() { Value = jobs.Select(j => j.ActiveKey).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                    },
                },
                new NpgsqlBatchCommand("COMMIT"),
            },
        };

        var inserted = new HashSet<Guid>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            inserted.Add(reader.GetGuid(0));
        }

        return inserted;
    }
}
