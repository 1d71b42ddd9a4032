using System.Data;
using JobPlatform.Engine.Data;
using JobPlatform.Engine.Jobs;
using JobPlatform.Engine.Rules;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using static JobPlatform.Engine.Jobs.JobStatuses;

namespace JobPlatform.Engine.Store;

/// <summary>
/// Accept: a batch of requests is one transaction of two round trips: lock the batch's tenants and count what the
/// rules need; then insert the jobs <see cref="AcceptRules"/> let pass, deduct their credits and commit. A tenant's row
/// lock orders the batches of all replicas, so its quota and balance hold exactly; the rules decide in between, in
/// this process, from the counts read under that lock.
/// </summary>
public sealed partial class JobStore
{
    /// <summary>A decision per request, in order; the accepted jobs are committed when this returns.</summary>
    public Task<IReadOnlyList<AcceptDecision>> AcceptAsync(IReadOnlyList<PendingJob> batch) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(() => AcceptOnceAsync(batch));

    private async Task<IReadOnlyList<AcceptDecision>> AcceptOnceAsync(IReadOnlyList<PendingJob> batch)
    {
        await db.Database.OpenConnectionAsync();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        try
        {
            var decisions = new AcceptRules(options.Value).Decide(batch, await LockAndCountAsync(connection, batch));
            var accepted = batch.Where((_, i) => decisions[i] is AcceptDecision.Accepted).Select(p => p.Job).ToList();
            var inserted = await InsertAndCommitAsync(connection, accepted);
            // Not inserted: a concurrent request with the same idempotency key won, or (after a retried batch whose
            // commit went through) the job itself is already there.
            return decisions.Select((decision, i) => decision is AcceptDecision.Accepted && batch[i].Job is { IdempotencyKey: not null } job && !inserted.Contains(job.Id)
                ? new AcceptDecision.IdempotencyKeyTaken()
                : decision).ToArray();
        }
        catch (Exception exception)
        {
            await RollBackAsync(connection);
            if (exception is PostgresException)
            {
                ForgetPreparedStatements(connection);
            }

            throw;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// One round trip: BEGIN, lock the tenants in id order (no deadlock between replicas), count each one's active and
    /// today's jobs, and each lane's queue; counts stop at the limit, which is all the rules need to know.
    /// </summary>
    private async Task<AcceptCounts> LockAndCountAsync(NpgsqlConnection connection, IReadOnlyList<PendingJob> batch)
    {
        var rules = options.Value;
        var tenants = batch.GroupBy(p => p.Job.TenantId).Select(g => (Id: g.Key, Tier: rules.Tiers[g.First().Tier])).ToArray();
        var lanes = batch.Select(p => p.Job.Priority).Distinct().ToArray();
        var startOfDay = new DateTimeOffset(batch[0].Job.CreatedAt.UtcDateTime.Date, TimeSpan.Zero);

        await using var command = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("BEGIN"),
                new NpgsqlBatchCommand("SELECT id, credits FROM tenants WHERE id = ANY($1) ORDER BY id FOR UPDATE")
                {
                    Parameters = { new() { Value = tenants.Select(t => t.Id).ToArray() } },
                },
                new NpgsqlBatchCommand($"""
                    SELECT t.id,
                        (SELECT count(*)::int FROM (SELECT FROM jobs j WHERE j.tenant_id = t.id AND j.status IN ('{Queued}', '{Processing}') LIMIT t.active_cap) a),
                        (SELECT count(*)::int FROM (SELECT FROM jobs j WHERE j.tenant_id = t.id AND j.created_at >= $4 LIMIT t.daily_cap) d)
                    FROM unnest($1::uuid[], $2::int[], $3::int[]) AS t(id, active_cap, daily_cap)
                    """)
                {
                    Parameters =
                    {
                        new() { Value = tenants.Select(t => t.Id).ToArray() },
                        new() { Value = tenants.Select(t => t.Tier.MaxConcurrent).ToArray() },
                        new() { Value = tenants.Select(t => t.Tier.DailyLimit ?? 0).ToArray() },
                        new() { Value = startOfDay },
                    },
                },
                new NpgsqlBatchCommand($"""
                    SELECT l.priority,
                        (SELECT count(*)::int FROM (SELECT FROM jobs j WHERE j.status = '{Queued}' AND j.priority = l.priority LIMIT l.cap) q)
                    FROM unnest($1::text[], $2::int[]) AS l(priority, cap)
                    """)
                {
                    Parameters =
                    {
                        new() { Value = lanes },
                        new() { Value = lanes.Select(l => rules.Lane(l).MaxQueued).ToArray() },
                    },
                },
            },
        };

        var credits = new Dictionary<Guid, long>();
        var counted = new Dictionary<Guid, TenantCounts>();
        var queued = new Dictionary<string, int>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            credits[reader.GetGuid(0)] = reader.GetInt64(1);
        }

        await reader.NextResultAsync();
        while (await reader.ReadAsync())
        {
            counted[reader.GetGuid(0)] = new TenantCounts(credits[reader.GetGuid(0)], reader.GetInt32(1), reader.GetInt32(2));
        }

        await reader.NextResultAsync();
        while (await reader.ReadAsync())
        {
            queued[reader.GetString(0)] = reader.GetInt32(1);
        }

        return new AcceptCounts(counted, queued);
    }

    /// <summary>One round trip: insert the accepted jobs, deduct what was inserted from each tenant, COMMIT.</summary>
    private static async Task<HashSet<Guid>> InsertAndCommitAsync(NpgsqlConnection connection, List<Job> jobs)
    {
        await using var command = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand($"""
                    WITH inserted AS (
                        INSERT INTO jobs (id, tenant_id, user_id, job_type, priority, status, parameters, idempotency_key, request_hash,
                            cost, max_attempts, created_at, run_after)
                        SELECT j.id, j.tenant_id, j.user_id, j.job_type, j.priority, '{Queued}', j.parameters::jsonb, j.idempotency_key,
                            j.request_hash, j.cost, j.max_attempts, j.created_at, j.created_at
                        FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::bytea[],
                            $9::int[], $10::int[], $11::timestamptz[])
                            AS j(id, tenant_id, user_id, job_type, priority, parameters, idempotency_key, request_hash, cost, max_attempts, created_at)
                        ON CONFLICT DO NOTHING
                        RETURNING id, tenant_id, cost
                    ), charged AS (
                        UPDATE tenants t SET credits = t.credits - c.total
                        FROM (SELECT tenant_id, sum(cost) AS total FROM inserted GROUP BY tenant_id) c
                        WHERE t.id = c.tenant_id
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

    private static async Task RollBackAsync(NpgsqlConnection connection)
    {
        try
        {
            if (connection.State == ConnectionState.Open)
            {
                await using var rollback = new NpgsqlCommand("ROLLBACK", connection);
                await rollback.ExecuteNonQueryAsync();
            }
        }
        catch (NpgsqlException)
        {
            // The connection is broken: the server rolls the transaction back itself.
        }
    }

    /// <summary>
    /// A statement PostgreSQL refused may leave its auto-prepared form broken on this pooled connection (recorded as
    /// prepared without its row description): forget them all before the connection returns to the pool; they are
    /// prepared again on their next uses. The batches here run outside EF Core, whose interceptor does this for its own
    /// commands.
    /// </summary>
    private static void ForgetPreparedStatements(NpgsqlConnection connection)
    {
        try
        {
            if (connection.State == ConnectionState.Open)
            {
                connection.UnprepareAll();
            }
        }
        catch (NpgsqlException)
        {
            // The connection is broken: Npgsql discards it, its prepared statements with it.
        }
    }
}
