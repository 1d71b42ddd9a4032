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
/// The job store's statements against a real PostgreSQL of their own, without the services: what they change, and
/// that a caller whose state is stale changes nothing.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class JobStoreTests(AppHostFixture fixture)
{
    [Fact]
    public async Task An_accepted_batch_charges_each_job_and_a_refused_job_changes_nothing()
    {
        await using var database = await ScratchDatabase.CreateAsync(fixture.App, "store");
        using var host = await StoreHostAsync(database);
        var (tenantId, userId) = await CreateTenantAsync(database.ConnectionString, credits: 2);
        using var scope = host.Services.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<JobStore>();

        var decisions = await store.AcceptAsync([Pending(tenantId, userId), Pending(tenantId, userId), Pending(tenantId, userId)]);

        Assert.IsType<AcceptDecision.Accepted>(decisions[0]);
        Assert.IsType<AcceptDecision.Accepted>(decisions[1]);
        Assert.Equal(AcceptRule.Credits, Assert.IsType<AcceptDecision.Refused>(decisions[2]).Rule);
        Assert.Equal(0L, await JobsDatabase.ScalarAsync<long>(database.ConnectionString, "SELECT credits FROM tenants WHERE id = $1", tenantId));
        Assert.Equal(2L, await JobsDatabase.ScalarAsync<long>(database.ConnectionString, "SELECT count(*) FROM jobs WHERE tenant_id = $1 AND status = 'queued'", tenantId));
    }

    [Fact]
    public async Task Only_the_lease_owner_completes_an_attempt_and_a_rescued_lease_lets_the_next_attempt_finish()
    {
        await using var database = await ScratchDatabase.CreateAsync(fixture.App, "store");
        using var host = await StoreHostAsync(database);
        var (tenantId, userId) = await CreateTenantAsync(database.ConnectionString, credits: 1);
        var pending = Pending(tenantId, userId);
        using var scope = host.Services.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<JobStore>();
        await store.AcceptAsync([pending]);
        var jobId = pending.Job.Id;

        var claimed = Assert.Single(await store.ClaimAsync([new JobLease(jobId, "worker-a#1")], CancellationToken.None));
        Assert.Equal((JobStatuses.Processing, 1), (claimed.Status, claimed.Attempts));
        Assert.Empty(await store.ClaimAsync([new JobLease(jobId, "worker-b#1")], CancellationToken.None)); // a duplicate delivery
        Assert.Empty(await store.CompleteAsync([new JobCompletion(new JobLease(jobId, "worker-b#1"), "{}")], CancellationToken.None));

        // worker-a stops heartbeating: with a zero lease timeout its lease has already expired.
        var rescued = Assert.Single(await store.RescueExpiredLeasesAsync(TimeSpan.Zero, CancellationToken.None));
        Assert.Equal(JobStatuses.Queued, rescued.Status);
        Assert.Empty(await store.CompleteAsync([new JobCompletion(new JobLease(jobId, "worker-a#1"), "{}")], CancellationToken.None));

        Assert.Single(await store.ClaimAsync([new JobLease(jobId, "worker-b#2")], CancellationToken.None));
        var completed = Assert.Single(await store.CompleteAsync([new JobCompletion(new JobLease(jobId, "worker-b#2"), """{"ok":true}""")], CancellationToken.None));
        Assert.Equal((JobStatuses.Completed, 2), (completed.Status, completed.Attempts));
        Assert.Equal(0L, await JobsDatabase.ScalarAsync<long>(database.ConnectionString, "SELECT credits FROM tenants WHERE id = $1", tenantId)); // charged once
    }

    private static PendingJob Pending(Guid tenantId, Guid userId)
    {
        var now = DateTimeOffset.UtcNow;
        return new PendingJob(new Job
        {
            Id = Guid.CreateVersion7(), TenantId = tenantId, UserId = userId, JobType = "diagnostic", Priority = Priorities.Normal,
            Status = JobStatuses.Queued, Parameters = "{}", Cost = 1, MaxAttempts = 4, CreatedAt = now, RunAfter = now,
        }, "enterprise");
    }

    /// <summary>The engine's registrations on a database of the test's own, migrated.</summary>
    private static async Task<IHost> StoreHostAsync(ScratchDatabase database)
    {
        var host = database.ServiceHost(builder => builder.AddJobEngine());
        await host.Services.MigrateJobsDatabaseAsync();
        return host;
    }

    private static async Task<(Guid TenantId, Guid UserId)> CreateTenantAsync(string connectionString, long credits)
    {
        var (tenantId, userId) = (Guid.NewGuid(), Guid.NewGuid());
        await JobsDatabase.ScalarAsync<int>(connectionString, "INSERT INTO tenants (id, name, tier, credits) VALUES ($1, 'store test', 'enterprise', $2)", tenantId, credits);
        await JobsDatabase.ScalarAsync<int>(connectionString, "INSERT INTO users (id, tenant_id, name) VALUES ($1, $2, 'user')", userId, tenantId);
        return (tenantId, userId);
    }
}
