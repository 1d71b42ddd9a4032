using System.Net;
using JobPlatform.Tests.Infrastructure;

namespace JobPlatform.Tests.Jobs;

/// <summary>
/// Jobs that start jobs, through the whole topology (docs/architecture.md, "Jobs that start jobs"): a parent gives its
/// worker slot back while its children run, sees how each ended, and takes them with it when cancelled.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class JobChildrenTests(AppHostFixture fixture)
{
    [Fact]
    public async Task Parents_waiting_for_children_hold_no_worker_slot_so_more_parents_than_slots_all_complete()
    {
        var user = await Tenants.CreateUserAsync(fixture.App);
        // More parents than the low lane's slots (4 per replica, 2 replicas), each waiting for children on the same lane:
        // parents that held their slots while waiting would leave their children no slot, and never end.
        var parents = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ =>
            user.Http.SubmitJobAsync(new { children = 2, child = new { duration_ms = 300 } }, "low")));

        var done = await Task.WhenAll(parents.Select(id => user.Http.WaitForStatusAsync(id, "completed", TimeSpan.FromSeconds(90))));

        Assert.All(done, parent =>
        {
            Assert.Equal(2, parent.GetProperty("result").GetProperty("children").GetProperty("completed").GetInt32());
            Assert.Equal(1, parent.GetProperty("attempts").GetInt32());
        });
        Assert.Equal(1000 - parents.Length, await Tenants.CreditsAsync(fixture.App, user.TenantId)); // children are never charged
        // The children are the owner's jobs too, followed like any other.
        var listed = await Tenants.ReadAsync(await user.Http.GetAsync("/api/v1/jobs?limit=200"));
        Assert.Equal(parents.Length * 3, listed.GetProperty("jobs").GetArrayLength());
    }

    [Fact]
    public async Task A_childs_failure_is_the_parents_to_read_and_its_progress_moves_with_its_children()
    {
        var user = await Tenants.CreateUserAsync(fixture.App);
        var parentId = await user.Http.SubmitJobAsync(new { children = 3, child = new { duration_ms = 200 } });
        var failingId = await user.Http.SubmitJobAsync(new { children = 2, child = new { fail_attempts = 100 } });

        var parent = await user.Http.WaitForStatusAsync(parentId, "completed", TimeSpan.FromSeconds(60));
        var failing = await user.Http.WaitForStatusAsync(failingId, "completed", TimeSpan.FromSeconds(60));

        Assert.Equal(100, parent.GetProperty("progress_percent").GetInt32());
        // Each child failed for good after its 4 attempts; the parent was told and chose to complete.
        Assert.Equal(2, failing.GetProperty("result").GetProperty("children").GetProperty("failed").GetInt32());
        Assert.Equal(0, await JobsDatabase.ScalarAsync<long>(fixture.App,
            "SELECT count(*) FROM jobs WHERE parent_id = $1 AND dead_lettered_at IS NOT NULL", failingId)); // the parent's to decide
    }

    [Fact]
    public async Task Cancelling_a_waiting_parent_cancels_its_children_queued_or_running()
    {
        var user = await Tenants.CreateUserAsync(fixture.App);
        var parentId = await user.Http.SubmitJobAsync(new { children = 3, child = new { duration_ms = 30_000, progress_steps = 30 } });
        var running = await Eventually.ReturnsAsync(() => JobsDatabase.ScalarAsync<long>(fixture.App,
                "SELECT count(*) FROM jobs WHERE parent_id = $1 AND status = 'processing'", parentId), count => count > 0,
            TimeSpan.FromSeconds(30), "a child to run");
        Assert.True(running > 0);

        var cancelled = await user.Http.DeleteAsync($"/api/v1/jobs/{parentId}");

        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal("cancelled", (await Tenants.ReadAsync(cancelled)).GetProperty("status").GetString());
        await Eventually.ReturnsAsync(() => JobsDatabase.ScalarAsync<long>(fixture.App,
                "SELECT count(*) FROM jobs WHERE parent_id = $1 AND status <> 'cancelled'", parentId), count => count == 0,
            TimeSpan.FromSeconds(15), "every child to be cancelled");
        Assert.Equal(999, await Tenants.CreditsAsync(fixture.App, user.TenantId)); // it had started: not refunded
    }
}
