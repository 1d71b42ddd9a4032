using JobPlatform.Engine.Data;
using JobPlatform.Engine.Execution;
using JobPlatform.Engine.Jobs;
using JobPlatform.Engine.Rules;
using JobPlatform.Engine.Store;
using JobPlatform.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace JobPlatform.Tests.Engine;

/// <summary>
/// The job store's statements against a real PostgreSQL of their own, without the services: what they change, and
/// that a caller whose state is stale changes nothing. Accept and the claim-complete path here; the rest by duty in
/// the other JobStore*Tests.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class JobStoreTests(StoreTestDatabase database) : IClassFixture<StoreTestDatabase>
{
    [Fact]
    public async Task An_accepted_batch_charges_each_job_and_a_refused_job_changes_nothing()
    {
        var (tenantId, userId) = await database.CreateTenantAsync(credits: 2);
        await using var scope = database.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<JobStore>();

        var decisions = await store.AcceptAsync([
            StoreTestDatabase.Pending(tenantId, userId), StoreTestDatabase.Pending(tenantId, userId), StoreTestDatabase.Pending(tenantId, userId)]);

        Assert.IsType<AcceptDecision.Accepted>(decisions[0]);
        Assert.IsType<AcceptDecision.Accepted>(decisions[1]);
        Assert.Equal(AcceptRule.Credits, Assert.IsType<AcceptDecision.Refused>(decisions[2]).Rule);
        Assert.Equal(0L, await database.CreditsAsync(tenantId));
        Assert.Equal(2L, await database.ScalarAsync<long>("SELECT count(*) FROM jobs WHERE tenant_id = $1 AND status = 'queued'", tenantId));
    }

    [Fact]
    public async Task Only_the_lease_owner_completes_an_attempt_and_a_rescued_lease_lets_the_next_attempt_finish()
    {
        var (tenantId, userId) = await database.CreateTenantAsync(credits: 1);
        await using var scope = database.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<JobStore>();
        var jobId = await StoreTestDatabase.AcceptAsync(store, tenantId, userId);

        var claimed = await StoreTestDatabase.ClaimAsync(store, jobId, "worker-a#1");
        Assert.Equal((JobStatuses.Processing, 1), (claimed.Status, claimed.Attempts));
        Assert.Empty(await store.ClaimAsync([new JobLease(jobId, "worker-b#1")], CancellationToken.None)); // a duplicate delivery
        Assert.Empty(await store.CompleteAsync([new JobCompletion(new JobLease(jobId, "worker-b#1"), "{}")], CancellationToken.None));

        // worker-a stops heartbeating: with a zero lease timeout its lease has already expired.
        var rescued = Assert.Single(await store.RescueExpiredLeasesAsync(TimeSpan.Zero, CancellationToken.None), j => j.Id == jobId);
        Assert.Equal(JobStatuses.Queued, rescued.Status);
        Assert.Empty(await store.CompleteAsync([new JobCompletion(new JobLease(jobId, "worker-a#1"), "{}")], CancellationToken.None));

        await StoreTestDatabase.ClaimAsync(store, jobId, "worker-b#2");
        var completed = Assert.Single(await store.CompleteAsync([new JobCompletion(new JobLease(jobId, "worker-b#2"), """{"ok":true}""")], CancellationToken.None));
        Assert.Equal((JobStatuses.Completed, 2), (completed.Status, completed.Attempts));
        Assert.Equal(0L, await database.CreditsAsync(tenantId)); // charged once
    }

    [Fact]
    public async Task Claimed_and_completed_jobs_carry_every_field_as_ef_core_reads_the_row()
    {
        // Claim and completion read their rows with plain Npgsql (JobRows): a column it missed or misread would reach
        // the handler or the live events wrong without failing anything else.
        var (tenantId, userId) = await database.CreateTenantAsync(credits: 1);
        await using var scope = database.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<JobStore>();
        var jobId = await StoreTestDatabase.AcceptAsync(store, tenantId, userId);
        // The nullable columns a claim leaves alone, filled, so that their reading is checked too.
        await database.ExecuteAsync("UPDATE jobs SET idempotency_key = 'key-1', request_hash = '\\x010203', progress_message = 'started' WHERE id = $1", jobId);

        var claimed = await StoreTestDatabase.ClaimAsync(store, jobId, "worker-a#1");
        AssertSameFields(await database.JobAsync(jobId), claimed);
        var completed = Assert.Single(await store.CompleteAsync([new JobCompletion(new JobLease(jobId, "worker-a#1"), """{"ok":true}""")], CancellationToken.None));
        AssertSameFields(await database.JobAsync(jobId), completed);
        Assert.Equal("key-1", completed.IdempotencyKey);
        Assert.Equal([1, 2, 3], completed.RequestHash);
    }

    private static void AssertSameFields(Job expected, Job actual)
    {
        foreach (var property in typeof(Job).GetProperties())
        {
            Assert.True(Equals(property.GetValue(expected), property.GetValue(actual)) || property.PropertyType == typeof(byte[])
                && ((byte[]?)property.GetValue(expected) ?? []).SequenceEqual((byte[]?)property.GetValue(actual) ?? []),
                $"{property.Name}: {property.GetValue(expected)} read by EF Core, {property.GetValue(actual)} by the store");
        }
    }
}
