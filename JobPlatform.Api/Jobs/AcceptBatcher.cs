using System.Data;
using JobPlatform.Engine.Data;
using JobPlatform.Engine.Jobs;
using JobPlatform.ServiceDefaults.Clients;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace JobPlatform.Api.Jobs;

/// <summary>A job built from a request, waiting for its batch.</summary>
public sealed record PendingJob(Job Job, string Tier);

/// <summary>
/// Group commit of the accept path (<see cref="GroupCommit{TRequest,TResult}"/>): each batch is one transaction of two
/// round trips: lock the batch's tenants and count what the rules need; then insert the accepted jobs, deduct their
/// credits and commit. Rules are applied request by request in arrival order with running tallies, so a tenant's quota
/// and balance hold exactly (its row lock orders batches of all replicas), and a balance never goes negative. One
/// commit (one fsync) serves the whole batch: at 1,000 requests/s a request waits for at most one batch in flight plus
/// its own, not for a queue of single-row transactions on one tenant lock. Queueing happens after the commit (see
/// <see cref="JobDispatcher"/>).
/// </summary>
public sealed class AcceptBatcher(IServiceProvider services, IOptions<JobEngineOptions> options, JobDispatcher dispatcher, ILogger<AcceptBatcher> logger)
    : GroupCommit<PendingJob, AcceptOutcome>(MaxBatch)
{
    private const int MaxBatch = 1000;

    protected override async Task<IReadOnlyList<AcceptOutcome>> WriteBatchAsync(IReadOnlyList<PendingJob> batch)
    {
        try
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<JobsDbContext>();
            var outcomes = await db.Database.CreateExecutionStrategy().ExecuteAsync(() => WriteAsync(db, batch));
            dispatcher.Dispatch(outcomes.OfType<AcceptOutcome.Accepted>().Select(a => a.Job).ToList());

            return outcomes;
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Could not record a batch of {Count} jobs.", batch.Count);
            throw;
        }
    }

    private async Task<AcceptOutcome[]> WriteAsync(JobsDbContext db, IReadOnlyList<PendingJob> batch)
    {
        await db.Database.OpenConnectionAsync();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        try
        {
            var (credits, active, today, queued) = await LockAndCountAsync(connection, batch);
            var outcomes = Decide(batch, credits, active, today, queued);
            var accepted = outcomes.OfType<AcceptOutcome.Accepted>().Select(a => a.Job).ToList();
            var inserted = await InsertAndCommitAsync(connection, accepted);
            // Not inserted: a concurrent request with the same idempotency key won, or (after a retried batch whose
            // commit went through) the job itself is already there.
            return outcomes.Select(o => o is AcceptOutcome.Accepted { Job: { IdempotencyKey: not null } job } && !inserted.Contains(job.Id)
                ? new AcceptOutcome.IdempotencyKeyTaken()
                : o).ToArray();
        }
        catch (Exception exception)
        {
            await RollBackAsync(connection);
            if (exception is PostgresException)
            {
                PreparedStatementRepair.MarkStale(connection);
            }

            throw;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>One round trip: BEGIN, lock the tenants in id order (no deadlock between replicas), count each one's active and today's jobs, and each lane's queue; counts stop at the limit.</summary>
    private async Task<(Dictionary<Guid, long> Credits, Dictionary<Guid, int> Active, Dictionary<Guid, int> Today, Dictionary<string, int> Queued)>
        LockAndCountAsync(NpgsqlConnection connection, IReadOnlyList<PendingJob> batch)
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
                new NpgsqlBatchCommand("""
                    SELECT t.id,
                        (SELECT count(*)::int FROM (SELECT FROM jobs j WHERE j.tenant_id = t.id AND j.status IN ('queued', 'processing') LIMIT t.active_cap) a),
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
                new NpgsqlBatchCommand("""
                    SELECT l.priority,
                        (SELECT count(*)::int FROM (SELECT FROM jobs j WHERE j.status = 'queued' AND j.priority = l.priority LIMIT l.cap) q)
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
        var active = new Dictionary<Guid, int>();
        var today = new Dictionary<Guid, int>();
        var queued = new Dictionary<string, int>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            credits[reader.GetGuid(0)] = reader.GetInt64(1);
        }

        await reader.NextResultAsync();
        while (await reader.ReadAsync())
        {
            active[reader.GetGuid(0)] = reader.GetInt32(1);
            today[reader.GetGuid(0)] = reader.GetInt32(2);
        }

        await reader.NextResultAsync();
        while (await reader.ReadAsync())
        {
            queued[reader.GetString(0)] = reader.GetInt32(1);
        }

        return (credits, active, today, queued);
    }

    /// <summary>Each request in arrival order against running tallies: the batch is checked as if its requests came one by one.</summary>
    private AcceptOutcome[] Decide(IReadOnlyList<PendingJob> batch, Dictionary<Guid, long> credits, Dictionary<Guid, int> active,
        Dictionary<Guid, int> today, Dictionary<string, int> queued)
    {
        var rules = options.Value;
        return batch.Select(AcceptOutcome (pending) =>
        {
            var job = pending.Job;
            var tier = rules.Tiers[pending.Tier];
            var lane = rules.Lane(job.Priority);
            if (active[job.TenantId] >= tier.MaxConcurrent)
            {
                return new AcceptOutcome.Refused(StatusCodes.Status429TooManyRequests, "Concurrent job limit reached",
                    $"The {pending.Tier} tier allows {tier.MaxConcurrent} queued or running jobs at once; this tenant has {active[job.TenantId]}. Retry when one finishes.",
                    TimeSpan.FromSeconds(5));
            }

            if (tier.DailyLimit is { } dailyLimit && today[job.TenantId] >= dailyLimit)
            {
                var now = job.CreatedAt;
                return new AcceptOutcome.Refused(StatusCodes.Status429TooManyRequests, "Daily job limit reached",
                    $"The {pending.Tier} tier allows {dailyLimit} jobs per UTC day; the limit resets at 00:00 UTC.",
                    new DateTimeOffset(now.UtcDateTime.Date.AddDays(1), TimeSpan.Zero) - now);
            }

            if (queued[job.Priority] >= lane.MaxQueued)
            {
                return new AcceptOutcome.Refused(StatusCodes.Status503ServiceUnavailable, "Lane full",
                    $"The {job.Priority} lane holds its maximum of {lane.MaxQueued} queued jobs. Retry shortly or use another priority.",
                    TimeSpan.FromSeconds(10));
            }

            if (credits[job.TenantId] < job.Cost)
            {
                return new AcceptOutcome.Refused(StatusCodes.Status402PaymentRequired, "Insufficient credits",
                    $"A {job.JobType} job costs {job.Cost} credits; the balance is {credits[job.TenantId]}.");
            }

            credits[job.TenantId] -= job.Cost;
            active[job.TenantId]++;
            today[job.TenantId]++;
            return new AcceptOutcome.Accepted(job, ++queued[job.Priority]);
        }).ToArray();
    }

    /// <summary>One round trip: insert the accepted jobs, deduct what was inserted from each tenant, COMMIT.</summary>
    private static async Task<HashSet<Guid>> InsertAndCommitAsync(NpgsqlConnection connection, List<Job> jobs)
    {
        await using var command = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("""
                    WITH inserted AS (
                        INSERT INTO jobs (id, tenant_id, user_id, job_type, priority, status, parameters, idempotency_key, request_hash,
                            cost, max_attempts, created_at, run_after)
                        SELECT j.id, j.tenant_id, j.user_id, j.job_type, j.priority, 'queued', j.parameters::jsonb, j.idempotency_key,
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
}
