using JobPlatform.Engine.Execution;
using JobPlatform.Engine.Jobs;
using JobPlatform.Engine.Store;
using JobPlatform.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace JobPlatform.Tests.Engine;

/// <summary>
/// An owner cancels a job (<c>JobStore.Cancel.cs</c>) and an operator redrives a dead letter (<c>JobStore.Redrive.cs</c>):
/// the job's status and flags, and the tenant's ledger, refunded or charged exactly once.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class JobStoreOwnerTests(StoreTestDatabase database) : IClassFixture<StoreTestDatabase>
{
    private const string Cancelled = "Cancelled by the owner";

    [Fact]
    public async Task A_queued_job_its_owner_cancels_is_cancelled_refunded_once_and_never_claimed()
    {
        var (tenantId, userId) = await database.CreateTenantAsync(credits: 1);
        await using var scope = database.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<JobStore>();
        var jobId = await StoreTestDatabase.AcceptAsync(store, tenantId, userId);
        Assert.Equal(0L, await database.CreditsAsync(tenantId));

        var cancellation = await store.CancelAsync(userId, jobId, DateTimeOffset.UtcNow, CancellationToken.None);

        Assert.NotNull(cancellation);
        Assert.False(cancellation.AlreadyFinished);
        Assert.Equal(JobStatuses.Cancelled, cancellation.Job.Status);
        var job = await database.JobAsync(jobId);
        Assert.Equal((JobStatuses.Cancelled, Cancelled, false, 0), (job.Status, job.ProgressMessage, job.CancelRequested, job.Attempts));
        Assert.NotNull(job.CompletedAt);
        Assert.Equal(1L, await database.CreditsAsync(tenantId)); // refunded: it never started

        Assert.Empty(await store.ClaimAsync([new JobLease(jobId, "worker-a#1")], CancellationToken.None)); // its message, delivered later
        var again = await store.CancelAsync(userId, jobId, DateTimeOffset.UtcNow, CancellationToken.None);
        Assert.True(again?.AlreadyFinished);
        Assert.Equal(1L, await database.CreditsAsync(tenantId)); // not refunded twice
    }

    [Fact]
    public async Task A_running_job_its_owner_cancels_is_flagged_not_refunded_and_ended_by_its_worker()
    {
        var (tenantId, userId) = await database.CreateTenantAsync(credits: 1);
        await using var scope = database.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<JobStore>();
        var jobId = await StoreTestDatabase.AcceptAsync(store, tenantId, userId);
        await StoreTestDatabase.ClaimAsync(store, jobId, "worker-a#1");

        var cancellation = await store.CancelAsync(userId, jobId, DateTimeOffset.UtcNow, CancellationToken.None);

        Assert.NotNull(cancellation);
        Assert.False(cancellation.AlreadyFinished);
        var flagged = await database.JobAsync(jobId);
        Assert.Equal((JobStatuses.Processing, true, "worker-a#1"), (flagged.Status, flagged.CancelRequested, flagged.LeaseOwner));
        Assert.Null(flagged.CompletedAt);
        Assert.Equal(0L, await database.CreditsAsync(tenantId)); // it had started: not refunded

        // The worker learns it at its next heartbeat, stops the handler and records the cancellation.
        Assert.Equal(LeaseRenewal.CancelRequested, await store.RenewLeaseAsync(jobId, "worker-a#1", CancellationToken.None));
        Assert.Null(await store.MarkCancelledAsync(jobId, "worker-b#1", CancellationToken.None)); // not the lease owner
        var ended = await store.MarkCancelledAsync(jobId, "worker-a#1", CancellationToken.None);

        Assert.NotNull(ended);
        var job = await database.JobAsync(jobId);
        Assert.Equal((JobStatuses.Cancelled, Cancelled, null, null), (job.Status, job.ProgressMessage, job.LeaseOwner, job.HeartbeatAt));
        Assert.NotNull(job.CompletedAt);
        Assert.Null(job.DeadLetteredAt);
        Assert.Equal(0L, await database.CreditsAsync(tenantId));
        Assert.Empty(await store.ClaimAsync([new JobLease(jobId, "worker-b#2")], CancellationToken.None)); // a redelivery runs nothing
        Assert.Equal(LeaseRenewal.Lost, await store.RenewLeaseAsync(jobId, "worker-a#1", CancellationToken.None));
    }

    [Fact]
    public async Task A_running_job_flagged_for_cancellation_whose_worker_died_is_cancelled_by_the_rescue_not_queued_again()
    {
        var (tenantId, userId) = await database.CreateTenantAsync(credits: 1);
        await using var scope = database.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<JobStore>();
        var jobId = await StoreTestDatabase.AcceptAsync(store, tenantId, userId);
        await StoreTestDatabase.ClaimAsync(store, jobId, "worker-a#1");
        Assert.NotNull(await store.CancelAsync(userId, jobId, DateTimeOffset.UtcNow, CancellationToken.None));

        // worker-a dies before its next heartbeat: with a zero lease timeout its lease has already expired.
        var rescued = Assert.Single(await store.RescueExpiredLeasesAsync(TimeSpan.Zero, CancellationToken.None), j => j.Id == jobId);

        Assert.Equal((JobStatuses.Cancelled, Cancelled), (rescued.Status, rescued.ProgressMessage));
        Assert.Null(rescued.DeadLetteredAt);
        Assert.Equal(0L, await database.CreditsAsync(tenantId)); // it had started: not refunded
        Assert.Empty(await store.ClaimAsync([new JobLease(jobId, "worker-b#2")], CancellationToken.None));
        var job = await database.JobAsync(jobId);
        Assert.Equal((JobStatuses.Cancelled, 1), (job.Status, job.Attempts));
    }

    [Fact]
    public async Task A_finished_job_answers_already_finished_and_stays_as_it_was()
    {
        var (tenantId, userId) = await database.CreateTenantAsync(credits: 1);
        await using var scope = database.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<JobStore>();
        var jobId = await StoreTestDatabase.AcceptAsync(store, tenantId, userId);
        await StoreTestDatabase.ClaimAsync(store, jobId, "worker-a#1");
        Assert.Single(await store.CompleteAsync([new JobCompletion(new JobLease(jobId, "worker-a#1"), """{"ok":true}""")], CancellationToken.None));
        var before = await database.JobAsync(jobId);

        var cancellation = await store.CancelAsync(userId, jobId, DateTimeOffset.UtcNow, CancellationToken.None);

        Assert.NotNull(cancellation);
        Assert.True(cancellation.AlreadyFinished);
        Assert.Equal(JobStatuses.Completed, cancellation.Job.Status);
        var job = await database.JobAsync(jobId);
        Assert.Equal((JobStatuses.Completed, false, before.CompletedAt, 100), (job.Status, job.CancelRequested, job.CompletedAt, job.ProgressPercent));
        Assert.Equal(0L, await database.CreditsAsync(tenantId)); // not refunded
    }

    [Fact]
    public async Task Another_users_job_answers_null_and_changes_nothing()
    {
        var (tenantId, ownerId) = await database.CreateTenantAsync(credits: 2);
        var colleagueId = await database.AddUserAsync(tenantId); // same tenant: a job is its user's
        var (_, strangerId) = await database.CreateTenantAsync(credits: 0);
        await using var scope = database.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<JobStore>();
        var queuedId = await StoreTestDatabase.AcceptAsync(store, tenantId, ownerId);
        var runningId = await StoreTestDatabase.AcceptAsync(store, tenantId, ownerId);
        await StoreTestDatabase.ClaimAsync(store, runningId, "worker-a#1");

        foreach (var userId in new[] { colleagueId, strangerId })
        {
            Assert.Null(await store.CancelAsync(userId, queuedId, DateTimeOffset.UtcNow, CancellationToken.None));
            Assert.Null(await store.CancelAsync(userId, runningId, DateTimeOffset.UtcNow, CancellationToken.None));
        }

        var queued = await database.JobAsync(queuedId);
        var running = await database.JobAsync(runningId);
        Assert.Equal((JobStatuses.Queued, false), (queued.Status, queued.CancelRequested));
        Assert.Equal((JobStatuses.Processing, false), (running.Status, running.CancelRequested));
        Assert.Equal(0L, await database.CreditsAsync(tenantId)); // nobody refunded
        Assert.Equal(LeaseRenewal.Renewed, await store.RenewLeaseAsync(runningId, "worker-a#1", CancellationToken.None));
    }

    [Fact]
    public async Task A_redriven_dead_letter_is_queued_with_a_fresh_set_of_attempts_and_charged_again()
    {
        var (tenantId, userId) = await database.CreateTenantAsync(credits: 1);
        await using var scope = database.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<JobStore>();
        var jobId = await DeadLetterAsync(store, tenantId, userId);
        Assert.Equal(1L, await database.CreditsAsync(tenantId)); // refunded when it failed

        var before = await database.ClockAsync();
        var outcome = await store.RedriveAsync(jobId, CancellationToken.None);
        var after = await database.ClockAsync();

        Assert.Equal(jobId, Assert.IsType<RedriveOutcome.Queued>(outcome).Job.Id);
        var job = await database.JobAsync(jobId);
        var freshAttempts = database.Services.GetRequiredService<IOptions<JobEngineOptions>>().Value.Retries.MaxAttempts;
        Assert.Equal((JobStatuses.Queued, 1, 1 + freshAttempts), (job.Status, job.Attempts, job.MaxAttempts)); // attempts keep counting
        Assert.Equal((null, null, null, false), (job.DeadLetteredAt, job.CompletedAt, job.ErrorMessage, job.Enqueued)); // the outbox publishes it
        Assert.InRange(job.RunAfter, before, after);
        Assert.Equal(0L, await database.CreditsAsync(tenantId)); // charged again

        var claimed = await StoreTestDatabase.ClaimAsync(store, jobId, "worker-b#2");
        Assert.Equal(2, claimed.Attempts);
        Assert.IsType<RedriveOutcome.NotDeadLettered>(await store.RedriveAsync(jobId, CancellationToken.None)); // running again: not twice
        Assert.Equal(0L, await database.CreditsAsync(tenantId));
    }

    [Fact]
    public async Task A_redrive_the_tenant_cannot_pay_for_answers_insufficient_credits_and_changes_nothing()
    {
        var (tenantId, userId) = await database.CreateTenantAsync(credits: 1);
        await using var scope = database.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<JobStore>();
        var jobId = await DeadLetterAsync(store, tenantId, userId);
        await StoreTestDatabase.AcceptAsync(store, tenantId, userId); // spends the refunded credit
        var before = await database.JobAsync(jobId);

        var outcome = await store.RedriveAsync(jobId, CancellationToken.None);

        Assert.IsType<RedriveOutcome.InsufficientCredits>(outcome);
        var job = await database.JobAsync(jobId);
        Assert.Equal(
            (JobStatuses.Failed, before.DeadLetteredAt, before.CompletedAt, 1, 1, "boom"),
            (job.Status, job.DeadLetteredAt, job.CompletedAt, job.Attempts, job.MaxAttempts, job.ErrorMessage));
        Assert.NotNull(job.DeadLetteredAt);
        Assert.Equal(0L, await database.CreditsAsync(tenantId));
    }

    [Fact]
    public async Task A_job_that_is_not_dead_lettered_answers_not_dead_lettered_and_is_not_charged()
    {
        var (tenantId, userId) = await database.CreateTenantAsync(credits: 10);
        var (otherTenantId, otherUserId) = await database.CreateTenantAsync(credits: 1);
        await using var scope = database.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<JobStore>();
        var queuedId = await StoreTestDatabase.AcceptAsync(store, tenantId, userId);
        var runningId = await StoreTestDatabase.AcceptAsync(store, tenantId, userId);
        await StoreTestDatabase.ClaimAsync(store, runningId, "worker-a#1");
        var completedId = await StoreTestDatabase.AcceptAsync(store, tenantId, userId);
        await StoreTestDatabase.ClaimAsync(store, completedId, "worker-a#2");
        Assert.Single(await store.CompleteAsync([new JobCompletion(new JobLease(completedId, "worker-a#2"), "{}")], CancellationToken.None));
        var cancelledId = await StoreTestDatabase.AcceptAsync(store, tenantId, userId);
        Assert.NotNull(await store.CancelAsync(userId, cancelledId, DateTimeOffset.UtcNow, CancellationToken.None));
        // Failed while cancelled: not a dead letter either.
        var cancelledRunningId = await StoreTestDatabase.AcceptAsync(store, otherTenantId, otherUserId, maxAttempts: 1);
        await StoreTestDatabase.ClaimAsync(store, cancelledRunningId, "worker-a#3");
        Assert.NotNull(await store.CancelAsync(otherUserId, cancelledRunningId, DateTimeOffset.UtcNow, CancellationToken.None));
        Assert.NotNull(await store.FailAttemptAsync(cancelledRunningId, "worker-a#3", "stopped", TimeSpan.Zero, CancellationToken.None));
        var credits = (await database.CreditsAsync(tenantId), await database.CreditsAsync(otherTenantId));

        foreach (var (jobId, status) in new[]
        {
            (queuedId, JobStatuses.Queued), (runningId, JobStatuses.Processing), (completedId, JobStatuses.Completed),
            (cancelledId, JobStatuses.Cancelled), (cancelledRunningId, JobStatuses.Cancelled),
        })
        {
            Assert.IsType<RedriveOutcome.NotDeadLettered>(await store.RedriveAsync(jobId, CancellationToken.None));
            Assert.Equal(status, (await database.JobAsync(jobId)).Status);
        }

        Assert.IsType<RedriveOutcome.NotDeadLettered>(await store.RedriveAsync(Guid.NewGuid(), CancellationToken.None));
        Assert.Equal(credits, (await database.CreditsAsync(tenantId), await database.CreditsAsync(otherTenantId)));
        Assert.Equal((7L, 0L), credits); // four jobs charged, the one cancelled while queued refunded; one cancelled while running
    }

    /// <summary>A job of one attempt that failed it: failed, dead-lettered and refunded.</summary>
    private async Task<Guid> DeadLetterAsync(JobStore store, Guid tenantId, Guid userId)
    {
        var jobId = await StoreTestDatabase.AcceptAsync(store, tenantId, userId, maxAttempts: 1);
        await StoreTestDatabase.ClaimAsync(store, jobId, "worker-a#1");
        var failed = await store.FailAttemptAsync(jobId, "worker-a#1", "boom", TimeSpan.Zero, CancellationToken.None);
        Assert.Equal(JobStatuses.Failed, failed?.Status);
        Assert.NotNull((await database.JobAsync(jobId)).DeadLetteredAt);
        return jobId;
    }
}
