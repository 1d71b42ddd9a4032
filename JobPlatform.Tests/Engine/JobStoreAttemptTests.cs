using JobPlatform.Engine.Execution;
using JobPlatform.Engine.Jobs;
using JobPlatform.Engine.Store;
using JobPlatform.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace JobPlatform.Tests.Engine;

/// <summary>
/// A worker's attempt (<c>JobStore.Attempts.cs</c>) past its claim: a failure (retried, or failed for good and
/// refunded), a release at shutdown, heartbeats, progress and result rows; and that an attempt which lost its lease
/// changes none of them.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class JobStoreAttemptTests(StoreTestDatabase database) : IClassFixture<StoreTestDatabase>
{
    [Fact]
    public async Task A_failed_attempt_with_attempts_left_is_queued_again_after_its_retry_delay()
    {
        var (tenantId, userId) = await database.CreateTenantAsync(credits: 1);
        await using var scope = database.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<JobStore>();
        var jobId = await StoreTestDatabase.AcceptAsync(store, tenantId, userId, maxAttempts: 4);
        Assert.Equal(1, await store.MarkAcceptedEnqueuedAsync([jobId], CancellationToken.None)); // the API published it
        await StoreTestDatabase.ClaimAsync(store, jobId, "worker-a#1");
        var retryDelay = TimeSpan.FromHours(1);

        var before = await database.ClockAsync();
        var failed = await store.FailAttemptAsync(jobId, "worker-a#1", "The site answered 503.", retryDelay, CancellationToken.None);
        var after = await database.ClockAsync();

        Assert.Equal(JobStatuses.Queued, failed?.Status);
        var job = await database.JobAsync(jobId);
        Assert.Equal((JobStatuses.Queued, 1, "The site answered 503."), (job.Status, job.Attempts, job.ErrorMessage));
        Assert.InRange(job.RunAfter, before + retryDelay, after + retryDelay);
        Assert.False(job.Enqueued); // its message was consumed: the outbox publishes the retry once it is due
        Assert.Equal((null, null, null, null), (job.LeaseOwner, job.HeartbeatAt, job.CompletedAt, job.DeadLetteredAt));
        Assert.Equal(0L, await database.CreditsAsync(tenantId)); // still charged: it may yet succeed
        Assert.Empty(await store.ClaimAsync([new JobLease(jobId, "worker-b#2")], CancellationToken.None)); // not due before its delay
    }

    [Fact]
    public async Task The_last_failed_attempt_fails_the_job_dead_letters_it_and_refunds_it_exactly_once()
    {
        var (tenantId, userId) = await database.CreateTenantAsync(credits: 1);
        await using var scope = database.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<JobStore>();
        var jobId = await StoreTestDatabase.AcceptAsync(store, tenantId, userId, maxAttempts: 2);
        await StoreTestDatabase.ClaimAsync(store, jobId, "worker-a#1");
        Assert.Equal(JobStatuses.Queued, (await store.FailAttemptAsync(jobId, "worker-a#1", "first", TimeSpan.Zero, CancellationToken.None))?.Status);
        Assert.Equal(0L, await database.CreditsAsync(tenantId));
        Assert.Equal(2, (await StoreTestDatabase.ClaimAsync(store, jobId, "worker-b#2")).Attempts);

        var failed = await store.FailAttemptAsync(jobId, "worker-b#2", "second", TimeSpan.Zero, CancellationToken.None);

        Assert.Equal(JobStatuses.Failed, failed?.Status);
        var job = await database.JobAsync(jobId);
        Assert.Equal((JobStatuses.Failed, 2, "second", null), (job.Status, job.Attempts, job.ErrorMessage, job.LeaseOwner));
        Assert.NotNull(job.DeadLetteredAt);
        Assert.NotNull(job.CompletedAt);
        Assert.Equal(1L, await database.CreditsAsync(tenantId)); // refunded

        // The same report again (a retried statement) and the earlier attempt's are stale; nothing rescues a failed job.
        Assert.Null(await store.FailAttemptAsync(jobId, "worker-b#2", "second", TimeSpan.Zero, CancellationToken.None));
        Assert.Null(await store.FailAttemptAsync(jobId, "worker-a#1", "first", TimeSpan.Zero, CancellationToken.None));
        Assert.DoesNotContain(await store.RescueExpiredLeasesAsync(TimeSpan.Zero, CancellationToken.None), j => j.Id == jobId);
        Assert.Empty(await store.ClaimAsync([new JobLease(jobId, "worker-c#3")], CancellationToken.None));
        Assert.Equal(1L, await database.CreditsAsync(tenantId)); // refunded once
        var unchanged = await database.JobAsync(jobId);
        Assert.Equal((JobStatuses.Failed, 2, job.DeadLetteredAt), (unchanged.Status, unchanged.Attempts, unchanged.DeadLetteredAt));
    }

    [Fact]
    public async Task A_failure_reported_by_an_attempt_that_lost_its_lease_changes_nothing()
    {
        var (tenantId, userId) = await database.CreateTenantAsync(credits: 1);
        await using var scope = database.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<JobStore>();
        var jobId = await StoreTestDatabase.AcceptAsync(store, tenantId, userId, maxAttempts: 2);
        await StoreTestDatabase.ClaimAsync(store, jobId, "worker-a#1");
        Assert.Single(await store.RescueExpiredLeasesAsync(TimeSpan.Zero, CancellationToken.None), j => j.Id == jobId); // worker-a went silent
        await StoreTestDatabase.ClaimAsync(store, jobId, "worker-b#2"); // the last attempt

        Assert.Null(await store.FailAttemptAsync(jobId, "worker-a#1", "late failure", TimeSpan.Zero, CancellationToken.None));

        var job = await database.JobAsync(jobId);
        Assert.Equal((JobStatuses.Processing, 2, "worker-b#2", null), (job.Status, job.Attempts, job.LeaseOwner, job.ErrorMessage));
        Assert.Null(job.DeadLetteredAt);
        Assert.Equal(0L, await database.CreditsAsync(tenantId)); // not refunded
        Assert.Equal(LeaseRenewal.Renewed, await store.RenewLeaseAsync(jobId, "worker-b#2", CancellationToken.None));
    }

    [Theory]
    [InlineData(4)] // attempts left: not retried
    [InlineData(1)] // the last attempt: not dead-lettered, not refunded
    public async Task A_failed_attempt_of_a_job_its_owner_asked_to_cancel_cancels_it_without_a_refund(int maxAttempts)
    {
        var (tenantId, userId) = await database.CreateTenantAsync(credits: 1);
        await using var scope = database.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<JobStore>();
        var jobId = await StoreTestDatabase.AcceptAsync(store, tenantId, userId, maxAttempts);
        await StoreTestDatabase.ClaimAsync(store, jobId, "worker-a#1");
        Assert.NotNull(await store.CancelAsync(userId, jobId, DateTimeOffset.UtcNow, CancellationToken.None));

        var ended = await store.FailAttemptAsync(jobId, "worker-a#1", "stopped", TimeSpan.Zero, CancellationToken.None);

        Assert.Equal(JobStatuses.Cancelled, ended?.Status);
        var job = await database.JobAsync(jobId);
        Assert.Equal((JobStatuses.Cancelled, "Cancelled by the owner", null), (job.Status, job.ProgressMessage, job.LeaseOwner));
        Assert.NotNull(job.CompletedAt);
        Assert.Null(job.DeadLetteredAt);
        Assert.Equal(0L, await database.CreditsAsync(tenantId)); // it had started
        Assert.Empty(await store.ClaimAsync([new JobLease(jobId, "worker-b#2")], CancellationToken.None));
    }

    [Fact]
    public async Task A_released_attempt_is_given_back_uncounted_and_queued_to_run_at_once()
    {
        var (tenantId, userId) = await database.CreateTenantAsync(credits: 1);
        await using var scope = database.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<JobStore>();
        var jobId = await StoreTestDatabase.AcceptAsync(store, tenantId, userId, maxAttempts: 4);
        Assert.Equal(1, await store.MarkAcceptedEnqueuedAsync([jobId], CancellationToken.None));
        await StoreTestDatabase.ClaimAsync(store, jobId, "worker-a#1");
        Assert.NotNull(await store.ReportProgressAsync(jobId, "worker-a#1", 30, "page 3 of 10", CancellationToken.None));

        Assert.Equal(0, await store.ReleaseAsync(jobId, "worker-b#1", CancellationToken.None)); // not the lease owner
        var before = await database.ClockAsync();
        Assert.Equal(1, await store.ReleaseAsync(jobId, "worker-a#1", CancellationToken.None)); // worker-a shuts down
        var after = await database.ClockAsync();

        var job = await database.JobAsync(jobId);
        Assert.Equal((JobStatuses.Queued, 0, false), (job.Status, job.Attempts, job.Enqueued));
        Assert.InRange(job.RunAfter, before, after);
        Assert.Equal((null, null, null, null), (job.LeaseOwner, job.HeartbeatAt, job.CompletedAt, job.ErrorMessage));
        Assert.Equal(0L, await database.CreditsAsync(tenantId));
        Assert.Equal(0, await store.ReleaseAsync(jobId, "worker-a#1", CancellationToken.None)); // once

        Assert.Equal(1, (await StoreTestDatabase.ClaimAsync(store, jobId, "worker-b#2")).Attempts); // the released attempt did not count
        Assert.Equal(0, await store.ReleaseAsync(jobId, "worker-a#1", CancellationToken.None)); // a late release
        var running = await database.JobAsync(jobId);
        Assert.Equal((JobStatuses.Processing, "worker-b#2", 1), (running.Status, running.LeaseOwner, running.Attempts));
    }

    [Fact]
    public async Task A_released_attempt_of_a_job_its_owner_asked_to_cancel_cancels_it_without_a_refund()
    {
        var (tenantId, userId) = await database.CreateTenantAsync(credits: 1);
        await using var scope = database.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<JobStore>();
        var jobId = await StoreTestDatabase.AcceptAsync(store, tenantId, userId);
        await StoreTestDatabase.ClaimAsync(store, jobId, "worker-a#1");
        Assert.NotNull(await store.CancelAsync(userId, jobId, DateTimeOffset.UtcNow, CancellationToken.None));

        Assert.Equal(1, await store.ReleaseAsync(jobId, "worker-a#1", CancellationToken.None));

        var job = await database.JobAsync(jobId);
        Assert.Equal((JobStatuses.Cancelled, "Cancelled by the owner", null), (job.Status, job.ProgressMessage, job.LeaseOwner));
        Assert.NotNull(job.CompletedAt);
        Assert.Equal(0L, await database.CreditsAsync(tenantId));
        Assert.Empty(await store.ClaimAsync([new JobLease(jobId, "worker-b#2")], CancellationToken.None));
    }

    [Fact]
    public async Task A_heartbeat_renews_the_lease_only_while_the_attempt_holds_it()
    {
        var (tenantId, userId) = await database.CreateTenantAsync(credits: 1);
        await using var scope = database.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<JobStore>();
        var jobId = await StoreTestDatabase.AcceptAsync(store, tenantId, userId);
        await StoreTestDatabase.ClaimAsync(store, jobId, "worker-a#1");
        await database.ExecuteAsync("UPDATE jobs SET heartbeat_at = now() - interval '2 hours' WHERE id = $1", jobId); // a late heartbeat

        var before = await database.ClockAsync();
        Assert.Equal(LeaseRenewal.Renewed, await store.RenewLeaseAsync(jobId, "worker-a#1", CancellationToken.None));

        Assert.True((await database.JobAsync(jobId)).HeartbeatAt >= before);
        Assert.DoesNotContain(await store.RescueExpiredLeasesAsync(TimeSpan.FromHours(1), CancellationToken.None), j => j.Id == jobId);
        Assert.Equal(LeaseRenewal.Lost, await store.RenewLeaseAsync(jobId, "worker-b#1", CancellationToken.None)); // not its lease

        Assert.Single(await store.RescueExpiredLeasesAsync(TimeSpan.Zero, CancellationToken.None), j => j.Id == jobId);
        Assert.Equal(LeaseRenewal.Lost, await store.RenewLeaseAsync(jobId, "worker-a#1", CancellationToken.None)); // rescued, queued
        await StoreTestDatabase.ClaimAsync(store, jobId, "worker-b#2");
        Assert.Equal(LeaseRenewal.Lost, await store.RenewLeaseAsync(jobId, "worker-a#1", CancellationToken.None)); // another attempt's
        Assert.Equal("worker-b#2", (await database.JobAsync(jobId)).LeaseOwner);
        Assert.Equal(LeaseRenewal.Renewed, await store.RenewLeaseAsync(jobId, "worker-b#2", CancellationToken.None));
        Assert.Single(await store.CompleteAsync([new JobCompletion(new JobLease(jobId, "worker-b#2"), "{}")], CancellationToken.None));
        Assert.Equal(LeaseRenewal.Lost, await store.RenewLeaseAsync(jobId, "worker-b#2", CancellationToken.None)); // finished
    }

    [Fact]
    public async Task Progress_is_recorded_only_from_the_lease_owner_and_does_not_renew_the_lease()
    {
        var (tenantId, userId) = await database.CreateTenantAsync(credits: 1);
        await using var scope = database.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<JobStore>();
        var jobId = await StoreTestDatabase.AcceptAsync(store, tenantId, userId);
        await StoreTestDatabase.ClaimAsync(store, jobId, "worker-a#1");
        await database.ExecuteAsync("UPDATE jobs SET heartbeat_at = now() - interval '2 hours' WHERE id = $1", jobId);
        var staleHeartbeat = (await database.JobAsync(jobId)).HeartbeatAt;

        var reported = await store.ReportProgressAsync(jobId, "worker-a#1", 40, "page 4 of 10", CancellationToken.None);

        Assert.Equal((40, "page 4 of 10"), (reported?.ProgressPercent, reported?.ProgressMessage));
        var job = await database.JobAsync(jobId);
        Assert.Equal((40, "page 4 of 10", staleHeartbeat), (job.ProgressPercent, job.ProgressMessage, job.HeartbeatAt)); // not renewed
        Assert.Single(await store.RescueExpiredLeasesAsync(TimeSpan.FromHours(1), CancellationToken.None), j => j.Id == jobId);

        await StoreTestDatabase.ClaimAsync(store, jobId, "worker-b#2");
        Assert.Null(await store.ReportProgressAsync(jobId, "worker-a#1", 90, "late", CancellationToken.None));
        var after = await database.JobAsync(jobId);
        Assert.Equal((40, "page 4 of 10"), (after.ProgressPercent, after.ProgressMessage));
    }

    [Fact]
    public async Task Result_rows_are_written_only_while_the_attempt_holds_the_lease()
    {
        var (tenantId, userId) = await database.CreateTenantAsync(credits: 1);
        await using var scope = database.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<JobStore>();
        var jobId = await StoreTestDatabase.AcceptAsync(store, tenantId, userId);
        await StoreTestDatabase.ClaimAsync(store, jobId, "worker-a#1");

        Assert.Equal(2, await store.WriteResultRowsAsync(jobId, "worker-a#1", 0, ["""{"n":"a0"}""", """{"n":"a1"}"""], CancellationToken.None));
        Assert.Single(await store.RescueExpiredLeasesAsync(TimeSpan.Zero, CancellationToken.None), j => j.Id == jobId);
        Assert.Equal(0, await store.WriteResultRowsAsync(jobId, "worker-a#1", 1, ["""{"n":"late1"}""", """{"n":"late2"}"""], CancellationToken.None));
        await StoreTestDatabase.ClaimAsync(store, jobId, "worker-b#2");
        Assert.Equal(0, await store.WriteResultRowsAsync(jobId, "worker-a#1", 1, ["""{"n":"late1"}""", """{"n":"late2"}"""], CancellationToken.None));
        Assert.Equal(["a0", "a1"], await RowsAsync(jobId));

        // The next attempt writes its rows over the same numbers: no duplicates.
        Assert.Equal(1, await store.WriteResultRowsAsync(jobId, "worker-b#2", 1, ["""{"n":"b1"}"""], CancellationToken.None));
        Assert.Equal(["a0", "b1"], await RowsAsync(jobId));
        Assert.Single(await store.CompleteAsync([new JobCompletion(new JobLease(jobId, "worker-b#2"), "{}")], CancellationToken.None));
        Assert.Equal(0, await store.WriteResultRowsAsync(jobId, "worker-b#2", 2, ["""{"n":"after"}"""], CancellationToken.None));
        Assert.Equal(["a0", "b1"], await RowsAsync(jobId));
    }

    private async Task<string[]> RowsAsync(Guid jobId) =>
        await database.ScalarAsync<string[]>("SELECT coalesce(array_agg(data->>'n' ORDER BY row_no), '{}') FROM job_results WHERE job_id = $1", jobId) ?? [];
}
