using JobPlatform.Engine;
using JobPlatform.Engine.Data;
using JobPlatform.Engine.Execution;
using JobPlatform.Engine.Jobs;
using JobPlatform.Engine.Rules;
using JobPlatform.Engine.Store;
using JobPlatform.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace JobPlatform.Tests.Engine;

/// <summary>
/// The counters accept decides from (docs/architecture.md, "Accept counters") stay equal to what a count of the jobs
/// says, through every transition, and concurrent batches that share tenants and lanes finish without deadlock.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class JobStoreCounterTests(AppHostFixture fixture)
{
    private const long Credits = 1_000_000;
    private static readonly TimeSpan NoDelay = TimeSpan.Zero;

    [Fact]
    public async Task Every_transition_keeps_the_accept_counters_equal_to_a_count_of_the_jobs()
    {
        // Lanes are shared by every tenant: a database of the test's own.
        await using var database = await StoreTestDatabase.CreateAsync(fixture);
        var (tenantId, userId) = await database.CreateTenantAsync(Credits);
        await using var scope = database.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<JobStore>();

        var jobs = Enumerable.Range(0, 12).Select(i => StoreTestDatabase.Pending(tenantId, userId, maxAttempts: 2, i % 3 == 0 ? Priorities.High : Priorities.Normal)).ToList();
        Assert.All(await store.AcceptAsync(jobs), decision => Assert.IsType<AcceptDecision.Accepted>(decision));
        await AssertCountersMatchAsync(database, tenantId);

        var ids = jobs.Select(p => p.Job.Id).ToArray();
        await store.ClaimAsync([.. ids[..8].Select(id => new JobLease(id, $"w#{id}"))], CancellationToken.None);
        await AssertCountersMatchAsync(database, tenantId);

        await store.CompleteAsync([new JobCompletion(new JobLease(ids[0], $"w#{ids[0]}"), null), new JobCompletion(new JobLease(ids[1], $"w#{ids[1]}"), "{}")],
            CancellationToken.None);
        await store.FailAttemptAsync(ids[2], $"w#{ids[2]}", "retry me", NoDelay, CancellationToken.None);      // queued again
        await store.ReleaseAsync(ids[3], $"w#{ids[3]}", CancellationToken.None);                                // given back
        await store.CancelAsync(userId, ids[4], DateTimeOffset.UtcNow, CancellationToken.None);                  // running: flagged
        await store.MarkCancelledAsync(ids[4], $"w#{ids[4]}", CancellationToken.None);
        await store.CancelAsync(userId, ids[9], DateTimeOffset.UtcNow, CancellationToken.None);                  // queued: cancelled
        await AssertCountersMatchAsync(database, tenantId);

        // ids[5] fails for good on its second attempt and is redriven; ids[6]'s worker dies and its lease is rescued.
        await store.FailAttemptAsync(ids[5], $"w#{ids[5]}", "first", NoDelay, CancellationToken.None);
        await store.ClaimAsync([new JobLease(ids[5], "w2")], CancellationToken.None);
        Assert.Equal(JobStatuses.Failed, (await store.FailAttemptAsync(ids[5], "w2", "last", NoDelay, CancellationToken.None))!.Status);
        await AssertCountersMatchAsync(database, tenantId);
        Assert.IsType<RedriveOutcome.Queued>(await store.RedriveAsync(ids[5], CancellationToken.None));
        await database.ExecuteAsync("UPDATE jobs SET heartbeat_at = now() - interval '1 hour' WHERE id = $1", ids[6]);
        Assert.Single(await store.RescueExpiredLeasesAsync(TimeSpan.FromMinutes(1), CancellationToken.None));
        await AssertCountersMatchAsync(database, tenantId);
    }

    [Fact]
    public async Task Concurrent_accepts_claims_and_completions_over_shared_tenants_and_lanes_end_with_exact_counters()
    {
        await using var database = await StoreTestDatabase.CreateAsync(fixture);
        var tenants = new[] { await database.CreateTenantAsync(Credits), await database.CreateTenantAsync(Credits) };

        // Each worker accepts a batch spanning both tenants and both lanes, then claims and completes it in one batch
        // each; four of them at once lock the same tenant and lane rows in every statement.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(worker => Task.Run(async () =>
        {
            for (var round = 0; round < 15; round++)
            {
                await using var scope = database.CreateScope();
                var store = scope.ServiceProvider.GetRequiredService<JobStore>();
                var batch = Enumerable.Range(0, 8)
                    .Select(i => StoreTestDatabase.Pending(tenants[i % 2].TenantId, tenants[i % 2].UserId, maxAttempts: 1, i % 4 < 2 ? Priorities.High : Priorities.Normal))
                    .ToList();
                await store.AcceptAsync(batch);
                var leases = batch.Select(p => new JobLease(p.Job.Id, $"w{worker}")).ToList();
                await store.ClaimAsync(leases, CancellationToken.None);
                await store.CompleteAsync(leases.Take(5).Select(l => new JobCompletion(l, null)).ToList(), CancellationToken.None);
            }
        })));

        foreach (var (tenantId, _) in tenants)
        {
            await AssertCountersMatchAsync(database, tenantId);
            // Every round leaves some of each tenant's jobs running, until the tier's limit refuses more.
            Assert.InRange(await ActiveAsync(database, tenantId), 1, new JobEngineOptions().Tiers["enterprise"].MaxConcurrent);
        }
    }

    /// <summary>Child jobs count in their lanes' queues, never in their tenant's active or daily jobs.</summary>
    internal static async Task AssertCountersMatchAsync(StoreTestDatabase database, Guid tenantId)
    {
        Assert.Equal(
            await database.ScalarAsync<long>( "SELECT count(*) FROM jobs WHERE tenant_id = $1 AND parent_id IS NULL AND status IN ('queued', 'processing', 'waiting')", tenantId),
            await ActiveAsync(database, tenantId));
        Assert.Equal(
            await database.ScalarAsync<long>( "SELECT count(*) FROM jobs WHERE tenant_id = $1 AND parent_id IS NULL AND created_at >= date_trunc('day', now(), 'UTC')", tenantId),
            await database.ScalarAsync<long>(
                "SELECT CASE WHEN jobs_day = (now() AT TIME ZONE 'UTC')::date THEN jobs_today ELSE 0 END::bigint FROM tenants WHERE id = $1", tenantId));
        foreach (var lane in Priorities.All)
        {
            Assert.Equal(
                await database.ScalarAsync<long>( "SELECT count(*) FROM jobs WHERE priority = $1 AND status = 'queued'", lane),
                await database.ScalarAsync<long>(
                    "SELECT l.jobs_entered - coalesce((SELECT sum(jobs) FROM lane_job_exits x WHERE x.priority = l.priority), 0)::bigint FROM lanes l WHERE l.priority = $1", lane));
        }
    }

    private static async Task<long> ActiveAsync(StoreTestDatabase database, Guid tenantId) =>
        await database.ScalarAsync<long>(
            "SELECT t.jobs_entered - coalesce((SELECT sum(jobs) FROM tenant_job_exits x WHERE x.tenant_id = t.id), 0)::bigint FROM tenants t WHERE t.id = $1", tenantId);
}
