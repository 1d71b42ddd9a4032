using JobPlatform.Engine.Execution;
using JobPlatform.Engine.Jobs;
using JobPlatform.Engine.Messaging;
using JobPlatform.Engine.Store;
using JobPlatform.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace JobPlatform.Tests.Engine;

/// <summary>
/// Snoozed steps in the store (<c>JobStore.Snooze.cs</c>, the outbox's waking): the job waits without a lease, wakes
/// when due, back in its lane and with its state, and a failed attempt forgets that state.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class JobStoreSnoozeTests(AppHostFixture fixture)
{
    [Fact]
    public async Task A_snoozed_job_waits_without_a_lease_and_wakes_when_due_back_in_its_lane_with_its_state()
    {
        await using var database = await StoreTestDatabase.CreateAsync(fixture);
        var (tenantId, userId) = await database.CreateTenantAsync(credits: 10);
        await using var scope = database.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<JobStore>();
        var publisher = database.Services.GetRequiredService<JobPublisher>();
        var types = database.Services.GetRequiredService<JobTypeRegistry>();
        var jobId = await StoreTestDatabase.AcceptAsync(store, tenantId, userId);
        await StoreTestDatabase.ClaimAsync(store, jobId, "w#1");

        var snoozed = await store.SnoozeAsync(new JobLease(jobId, "w#1"), TimeSpan.FromSeconds(2), """{"run": "r-1"}""", CancellationToken.None);

        Assert.NotNull(snoozed);
        Assert.Equal((JobStatuses.Waiting, null, 0), (snoozed.Status, snoozed.LeaseOwner, snoozed.Attempts));
        Assert.Equal("processing", JobStatusResponse.From(snoozed, DateTimeOffset.UtcNow).Status);
        await JobStoreCounterTests.AssertCountersMatchAsync(database, tenantId);
        Assert.Equal(0, await store.PublishOverdueAsync(publisher, types, TimeSpan.Zero, CancellationToken.None)); // not due yet

        await database.ExecuteAsync("UPDATE jobs SET run_after = now() - interval '1 second' WHERE id = $1", jobId);
        Assert.Equal(1, await store.PublishOverdueAsync(publisher, types, TimeSpan.Zero, CancellationToken.None));

        var woken = await database.JobAsync(jobId);
        Assert.Equal((JobStatuses.Queued, true), (woken.Status, woken.Enqueued));
        await JobStoreCounterTests.AssertCountersMatchAsync(database, tenantId); // back in its lane's queue
        var resumed = await StoreTestDatabase.ClaimAsync(store, jobId, "w#2");
        Assert.Equal((1, """{"run": "r-1"}"""), (resumed.Attempts, resumed.SnoozeState));
    }

    [Fact]
    public async Task A_failed_attempt_forgets_its_snooze_state_and_a_cancelled_owner_stops_the_snooze()
    {
        await using var database = await StoreTestDatabase.CreateAsync(fixture);
        var (tenantId, userId) = await database.CreateTenantAsync(credits: 10);
        await using var scope = database.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<JobStore>();
        var jobId = await StoreTestDatabase.AcceptAsync(store, tenantId, userId);
        await StoreTestDatabase.ClaimAsync(store, jobId, "w#1");
        await store.SnoozeAsync(new JobLease(jobId, "w#1"), TimeSpan.Zero, """{"run": "r-1"}""", CancellationToken.None);
        await database.ExecuteAsync("UPDATE jobs SET status = 'queued' WHERE id = $1", jobId); // woken
        await StoreTestDatabase.ClaimAsync(store, jobId, "w#2");

        var failed = await store.FailAttemptAsync(jobId, "w#2", "The run failed.", TimeSpan.Zero, CancellationToken.None);

        Assert.Equal((JobStatuses.Queued, 1, null), (failed!.Status, failed.Attempts, failed.SnoozeState));

        // The owner asked to cancel while the step ran: the step's snooze records nothing.
        await StoreTestDatabase.ClaimAsync(store, jobId, "w#3");
        await store.CancelAsync(userId, jobId, DateTimeOffset.UtcNow, CancellationToken.None);
        Assert.Null(await store.SnoozeAsync(new JobLease(jobId, "w#3"), TimeSpan.Zero, "{}", CancellationToken.None));
        Assert.Equal(JobStatuses.Processing, (await database.JobAsync(jobId)).Status);
    }
}
