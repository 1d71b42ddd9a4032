using System.Net;
using JobPlatform.Engine.Handlers;
using JobPlatform.Tests.Infrastructure;
using StackExchange.Redis;

namespace JobPlatform.Tests.Jobs;

/// <summary>
/// Snoozed steps and continued work, through the whole topology (docs/architecture.md, "Steps that wait without a
/// slot"): a step that waits for something outside gives its slot back, and work a started job goes on with is
/// delivered before new jobs.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class JobSnoozeTests(AppHostFixture fixture)
{
    [Fact]
    public async Task Snoozing_jobs_hold_no_worker_slot_and_stay_processing_until_they_wake()
    {
        var user = await Tenants.CreateUserAsync(fixture.App);
        // More snoozers than the low lane's slots (4 per replica, 2 replicas), each asleep for 15 s.
        var snoozers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
            user.Http.SubmitJobAsync(new { snoozes = 1, snooze_ms = 15_000 }, "low")));
        await Eventually.ReturnsAsync(() => JobsDatabase.ScalarAsync<long>(fixture.App,
                "SELECT count(*) FROM jobs WHERE id = ANY($1) AND status = 'waiting'", snoozers), count => count == snoozers.Length,
            TimeSpan.FromSeconds(30), "every snoozer to snooze");

        // Jobs that came after them get the slots: snoozers that kept theirs would leave them none for 15 s.
        var later = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => user.Http.SubmitJobAsync(new { duration_ms = 100 }, "low")));
        await Task.WhenAll(later.Select(id => user.Http.WaitForStatusAsync(id, "completed", TimeSpan.FromSeconds(10))));

        var asleep = await user.Http.StatusAsync(snoozers[0]);
        Assert.Equal("processing", asleep.GetProperty("status").GetString()); // clients never see the stored "waiting"
        var done = await Task.WhenAll(snoozers.Select(id => user.Http.WaitForStatusAsync(id, "completed", TimeSpan.FromSeconds(60))));
        Assert.All(done, job =>
        {
            Assert.Equal(1, job.GetProperty("result").GetProperty("snoozed").GetInt32());
            Assert.Equal(1, job.GetProperty("attempts").GetInt32()); // a snooze is not an attempt
        });
    }

    [Fact]
    public async Task A_failed_attempt_forgets_its_snooze_state_so_its_retry_starts_over()
    {
        var user = await Tenants.CreateUserAsync(fixture.App);
        using var redis = await ConnectionMultiplexer.ConnectAsync((await fixture.App.GetConnectionStringAsync("redis"))!);
        var jobId = await user.Http.SubmitJobAsync(new { snoozes = 2, snooze_ms = 100, fail_attempts = 1, trace = true });

        var job = await user.Http.WaitForStatusAsync(jobId, "completed", TimeSpan.FromSeconds(60));

        Assert.Equal(2, job.GetProperty("attempts").GetInt32());
        Assert.Equal(2, job.GetProperty("result").GetProperty("snoozed").GetInt32());
        // Each attempt ran its handler three times: two snoozes, then its end. A retry that kept the failed attempt's
        // state would not snooze again (as a provider's run that failed would be waited on again).
        var trace = (await redis.GetDatabase().ListRangeAsync(DiagnosticJobHandler.TraceKey(jobId))).Select(entry => (string)entry!).ToList();
        Assert.Equal(3, trace.Count(entry => entry == "attempt 1 started"));
        Assert.Equal(3, trace.Count(entry => entry == "attempt 2 started"));
    }

    [Fact]
    public async Task Cancelling_a_snoozing_job_ends_it_at_once_and_it_never_wakes()
    {
        var user = await Tenants.CreateUserAsync(fixture.App);
        using var redis = await ConnectionMultiplexer.ConnectAsync((await fixture.App.GetConnectionStringAsync("redis"))!);
        var jobId = await user.Http.SubmitJobAsync(new { snoozes = 1, snooze_ms = 2_000, trace = true });
        await Eventually.ReturnsAsync(() => JobsDatabase.ScalarAsync<string>(fixture.App, "SELECT status FROM jobs WHERE id = $1", jobId),
            status => status == "waiting", TimeSpan.FromSeconds(30), "the job to snooze");

        var cancelled = await user.Http.DeleteAsync($"/api/v1/jobs/{jobId}");

        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal("cancelled", (await Tenants.ReadAsync(cancelled)).GetProperty("status").GetString());
        await Task.Delay(TimeSpan.FromSeconds(4)); // past its waking time
        Assert.Equal("cancelled", (await user.Http.StatusAsync(jobId)).GetProperty("status").GetString());
        Assert.Equal(["attempt 1 started", "attempt 1 stopped"], // the run that snoozed, and no other
            (await redis.GetDatabase().ListRangeAsync(DiagnosticJobHandler.TraceKey(jobId))).Select(entry => (string)entry!));
        Assert.Equal(999, await Tenants.CreditsAsync(fixture.App, user.TenantId)); // it had started: not refunded
    }

    [Fact]
    public async Task A_parent_whose_children_ended_runs_before_the_new_jobs_queued_behind_it()
    {
        var user = await Tenants.CreateUserAsync(fixture.App);
        // The parent's child runs 2 s on the critical lane; meanwhile a backlog of new jobs (from five tenants: a tenant
        // has at most 20 active jobs) fills the low lane's 8 slots for ~10 s.
        var parentId = await user.Http.SubmitJobAsync(new { children = 1, child_priority = "critical", child = new { duration_ms = 2_000 } }, "low");
        await Eventually.ReturnsAsync(() => JobsDatabase.ScalarAsync<string>(fixture.App, "SELECT status FROM jobs WHERE id = $1", parentId),
            status => status == "waiting", TimeSpan.FromSeconds(30), "the parent to wait for its child");
        var others = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Tenants.CreateUserAsync(fixture.App)));
        var backlog = (await Task.WhenAll(others.Select(other => Task.WhenAll(Enumerable.Range(0, 16)
            .Select(_ => other.Http.SubmitJobAsync(new { duration_ms = 1_000 }, "low")))))).SelectMany(ids => ids).ToArray();

        await user.Http.WaitForStatusAsync(parentId, "completed", TimeSpan.FromSeconds(60));
        await Eventually.ReturnsAsync(() => JobsDatabase.ScalarAsync<long>(fixture.App,
                "SELECT count(*) FROM jobs WHERE id = ANY($1) AND status = 'completed'", backlog), count => count == backlog.Length,
            TimeSpan.FromSeconds(60), "the backlog to complete");

        // Resumed at the back of a first-in-first-out queue, it would start after all 80; it goes first, so most of the
        // backlog starts after it has ended.
        var startedAfter = await JobsDatabase.ScalarAsync<long>(fixture.App,
            "SELECT count(*) FROM jobs WHERE id = ANY($1) AND started_at > (SELECT completed_at FROM jobs WHERE id = $2)", backlog, parentId);
        Assert.True(startedAfter >= 24, $"Only {startedAfter} of the {backlog.Length} new jobs started after the resumed parent ended.");
    }
}
