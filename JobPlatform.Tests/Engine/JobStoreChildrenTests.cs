using JobPlatform.Engine.Data;
using JobPlatform.Engine.Execution;
using JobPlatform.Engine.Jobs;
using JobPlatform.Engine.Rules;
using JobPlatform.Engine.Store;
using JobPlatform.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace JobPlatform.Tests.Engine;

/// <summary>
/// Jobs that start jobs, in the store (docs/architecture.md, "Jobs that start jobs"): the wait, the database's count of
/// the children's ends however they end, the parent's progress and return to its lane, cancellation of a family, and
/// the exact counters through all of it.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class JobStoreChildrenTests(AppHostFixture fixture)
{
    private const long Credits = 100;

    [Fact]
    public async Task A_parent_waits_without_a_lease_and_the_end_of_its_last_child_however_it_ends_queues_it_again()
    {
        await using var database = await StoreTestDatabase.CreateAsync(fixture);
        var (tenantId, userId) = await database.CreateTenantAsync(Credits);
        await using var scope = database.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<JobStore>();
        var parentId = await StoreTestDatabase.AcceptAsync(store, tenantId, userId);
        var parent = await StoreTestDatabase.ClaimAsync(store, parentId, "w#p");
        await store.ReportProgressAsync(parentId, "w#p", 40, "Fetched", CancellationToken.None);

        var children = Children(parent, 3);
        var waiting = await store.AwaitChildrenAsync(new JobLease(parentId, "w#p"), """{"stage": "children"}""", children, 90, maxAttempts: 2,
            CancellationToken.None);

        Assert.NotNull(waiting);
        Assert.Equal(JobStatuses.Waiting, waiting.Status);
        Assert.Null(waiting.LeaseOwner);
        Assert.Equal(0, waiting.Attempts); // the step that waited is not an attempt of its own
        Assert.Equal("processing", JobStatusResponse.From(waiting, DateTimeOffset.UtcNow).Status);
        await JobStoreCounterTests.AssertCountersMatchAsync(database, tenantId);

        // Each end moves the parent's progress from 40 to 90 by a third, whichever statement ends the child.
        await StoreTestDatabase.ClaimAsync(store, children[0].Id, "w#c0");
        await store.CompleteAsync([new JobCompletion(new JobLease(children[0].Id, "w#c0"), """{"posts": 5}""")], CancellationToken.None);
        Assert.Equal((JobStatuses.Waiting, 56), await StateAsync(database, parentId));
        await StoreTestDatabase.ClaimAsync(store, children[1].Id, "w#c1");
        var failed = await store.FailForGoodAsync(children[1].Id, "w#c1", "The profile is private.", CancellationToken.None);
        Assert.Equal(JobStatuses.Failed, failed!.Status);
        Assert.Null(failed.DeadLetteredAt); // the parent sees the failure and decides: no dead letter of its own
        Assert.Equal((JobStatuses.Waiting, 73), await StateAsync(database, parentId));
        await store.CancelAsync(userId, children[2].Id, DateTimeOffset.UtcNow, CancellationToken.None);

        var woken = await database.JobAsync(parentId);
        Assert.Equal((JobStatuses.Queued, 90), (woken.Status, woken.ProgressPercent));
        Assert.False(woken.Enqueued); // the outbox publishes it at once: due now
        Assert.Equal(Credits - 1, await database.CreditsAsync(tenantId)); // the parent's charge, nothing for its children
        await JobStoreCounterTests.AssertCountersMatchAsync(database, tenantId);

        var resumed = await StoreTestDatabase.ClaimAsync(store, parentId, "w#p2");
        Assert.Equal(1, resumed.Attempts);
        Assert.Equal("children", System.Text.Json.JsonDocument.Parse(resumed.Checkpoint!).RootElement.GetProperty("stage").GetString());
        var outcomes = await store.ReadChildrenAsync(parentId, CancellationToken.None);
        Assert.Equal(children.Select(c => c.Id), outcomes.Select(c => c.Id));
        Assert.Equal([JobStatuses.Completed, JobStatuses.Failed, JobStatuses.Cancelled], outcomes.Select(c => c.Status));
        await store.CompleteAsync([new JobCompletion(new JobLease(parentId, "w#p2"), null)], CancellationToken.None);
        await JobStoreCounterTests.AssertCountersMatchAsync(database, tenantId);
    }

    [Fact]
    public async Task Cancelling_a_waiting_parent_cancels_its_queued_children_and_flags_its_running_ones()
    {
        await using var database = await StoreTestDatabase.CreateAsync(fixture);
        var (tenantId, userId) = await database.CreateTenantAsync(Credits);
        await using var scope = database.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<JobStore>();
        var parentId = await StoreTestDatabase.AcceptAsync(store, tenantId, userId);
        var children = Children(await StoreTestDatabase.ClaimAsync(store, parentId, "w#p"), 3);
        await store.AwaitChildrenAsync(new JobLease(parentId, "w#p"), "{}", children, 90, maxAttempts: 4, CancellationToken.None);
        await StoreTestDatabase.ClaimAsync(store, children[0].Id, "w#c0");

        var cancellation = await store.CancelAsync(userId, parentId, DateTimeOffset.UtcNow, CancellationToken.None);

        Assert.Equal(JobStatuses.Cancelled, cancellation!.Job.Status);
        Assert.Equal([children[0].Id], cancellation.RunningChildren);
        Assert.True((await database.JobAsync(children[0].Id)).CancelRequested);
        Assert.All(children[1..], c => Assert.Equal(JobStatuses.Cancelled, database.JobAsync(c.Id).Result.Status));
        // The running child stops as any cancelled job does; its end changes nothing of its cancelled parent.
        await store.MarkCancelledAsync(children[0].Id, "w#c0", CancellationToken.None);
        Assert.Equal(JobStatuses.Cancelled, (await database.JobAsync(parentId)).Status);
        Assert.Equal(Credits - 1, await database.CreditsAsync(tenantId)); // it had started: not refunded
        await JobStoreCounterTests.AssertCountersMatchAsync(database, tenantId);
    }

    [Fact]
    public async Task A_step_whose_owner_asked_to_cancel_or_that_lost_its_lease_starts_no_child()
    {
        await using var database = await StoreTestDatabase.CreateAsync(fixture);
        var (tenantId, userId) = await database.CreateTenantAsync(Credits);
        await using var scope = database.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<JobStore>();
        var cancelledId = await StoreTestDatabase.AcceptAsync(store, tenantId, userId);
        var cancelled = await StoreTestDatabase.ClaimAsync(store, cancelledId, "w#a");
        await store.CancelAsync(userId, cancelledId, DateTimeOffset.UtcNow, CancellationToken.None);
        var lostId = await StoreTestDatabase.AcceptAsync(store, tenantId, userId);
        var lost = await StoreTestDatabase.ClaimAsync(store, lostId, "w#b");

        Assert.Null(await store.AwaitChildrenAsync(new JobLease(cancelledId, "w#a"), "{}", Children(cancelled, 2), 90, 4, CancellationToken.None));
        Assert.Null(await store.AwaitChildrenAsync(new JobLease(lostId, "w#stale"), "{}", Children(lost, 2), 90, 4, CancellationToken.None));

        Assert.Equal(0, await database.ScalarAsync<long>("SELECT count(*) FROM jobs WHERE parent_id = ANY($1)", new[] { cancelledId, lostId }));
        await JobStoreCounterTests.AssertCountersMatchAsync(database, tenantId);
    }

    [Fact]
    public async Task A_permanent_failure_ends_the_job_on_its_first_attempt_dead_lettered_and_refunded()
    {
        await using var database = await StoreTestDatabase.CreateAsync(fixture);
        var (tenantId, userId) = await database.CreateTenantAsync(Credits);
        await using var scope = database.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<JobStore>();
        var jobId = await StoreTestDatabase.AcceptAsync(store, tenantId, userId, maxAttempts: 4);
        await StoreTestDatabase.ClaimAsync(store, jobId, "w#1");

        var failed = await store.FailForGoodAsync(jobId, "w#1", "Instagram profile 'nobody' does not exist.", CancellationToken.None);

        Assert.Equal(JobStatuses.Failed, failed!.Status);
        Assert.Equal(1, failed.Attempts);
        Assert.NotNull(failed.DeadLetteredAt);
        Assert.Equal(Credits, await database.CreditsAsync(tenantId));
        await JobStoreCounterTests.AssertCountersMatchAsync(database, tenantId);
    }

    [Fact]
    public async Task One_live_job_per_owner_and_active_key_within_a_batch_and_across_batches_charged_once()
    {
        await using var database = await StoreTestDatabase.CreateAsync(fixture);
        var (tenantId, userId) = await database.CreateTenantAsync(Credits);
        var otherUserId = await database.AddUserAsync(tenantId);
        await using var scope = database.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<JobStore>();

        var decisions = await store.AcceptAsync([Keyed(tenantId, userId), Keyed(tenantId, userId), Keyed(tenantId, otherUserId)]);
        var later = await store.AcceptAsync([Keyed(tenantId, userId)]);

        Assert.IsType<AcceptDecision.Accepted>(decisions[0]);
        Assert.IsType<AcceptDecision.ActiveKeyTaken>(decisions[1]);
        Assert.IsType<AcceptDecision.Accepted>(decisions[2]); // another user's key is their own
        Assert.IsType<AcceptDecision.ActiveKeyTaken>(Assert.Single(later));
        Assert.Equal(Credits - 2, await database.CreditsAsync(tenantId));
        await JobStoreCounterTests.AssertCountersMatchAsync(database, tenantId);

        // Once the live job ends, the key starts a new one.
        var liveId = await database.ScalarAsync<Guid>("SELECT id FROM jobs WHERE user_id = $1", userId);
        await StoreTestDatabase.ClaimAsync(store, liveId, "w#1");
        await store.CompleteAsync([new JobCompletion(new JobLease(liveId, "w#1"), null)], CancellationToken.None);
        Assert.IsType<AcceptDecision.Accepted>(Assert.Single(await store.AcceptAsync([Keyed(tenantId, userId)])));
    }

    private static PendingJob Keyed(Guid tenantId, Guid userId)
    {
        var pending = StoreTestDatabase.Pending(tenantId, userId);
        return pending with { Job = new Job
        {
            Id = pending.Job.Id, TenantId = tenantId, UserId = userId, JobType = pending.Job.JobType, Priority = pending.Job.Priority,
            Status = pending.Job.Status, Parameters = "{}", Cost = 1, MaxAttempts = 4, CreatedAt = pending.Job.CreatedAt,
            RunAfter = pending.Job.RunAfter, ActiveKey = "profile_analysis:someone",
        } };
    }

    /// <summary>Children as the runner builds them: ids generated in the order they are listed.</summary>
    private static List<Job> Children(Job parent, int count) =>
        Enumerable.Range(0, count).Select(_ => Guid.CreateVersion7()).Order().Select(id => new Job
        {
            Id = id, TenantId = parent.TenantId, UserId = parent.UserId, JobType = "diagnostic", Priority = parent.Priority,
            Status = JobStatuses.Queued, Parameters = "{}", ParentId = parent.Id,
        }).ToList();

    private static async Task<(string Status, int Progress)> StateAsync(StoreTestDatabase database, Guid jobId)
    {
        var job = await database.JobAsync(jobId);
        return (job.Status, job.ProgressPercent);
    }
}
