using System.Net;
using JobPlatform.Tests.Infrastructure;

namespace JobPlatform.Tests.Jobs;

/// <summary>
/// Jobs through the whole topology: accepted by a replica, run by the workers, read back. The API's HTTP behaviour on
/// its own (keys, ownership, validation, idempotency, listing) is tested in-process, in <c>Functional/JobsApiTests</c>.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class JobApiTests(AppHostFixture fixture)
{
    [Fact]
    public async Task A_job_is_accepted_at_once_and_runs_to_completion_with_progress()
    {
        var user = await Tenants.CreateUserAsync(fixture.App);

        var response = await user.Http.SubmitAsync(new { duration_ms = 300, progress_steps = 3 });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = await Tenants.ReadAsync(response);
        var jobId = accepted.GetProperty("job_id").GetGuid();
        Assert.Equal("queued", accepted.GetProperty("status").GetString());
        Assert.True(accepted.GetProperty("queue_position").GetInt32() >= 1);
        Assert.True(accepted.GetProperty("estimated_completion_seconds").GetInt32() >= 1);
        Assert.Equal($"/api/v1/jobs/{jobId}/status", accepted.GetProperty("polling_url").GetString());
        Assert.EndsWith($"/ws/jobs/{jobId}", accepted.GetProperty("websocket_url").GetString());
        Assert.Equal(accepted.GetProperty("polling_url").GetString(), response.Headers.Location?.ToString());

        var done = await user.Http.WaitForStatusAsync(jobId, "completed");
        Assert.Equal(100, done.GetProperty("progress_percent").GetInt32());
        Assert.Equal("Step 3 of 3", done.GetProperty("progress_message").GetString());
        Assert.Equal(1, done.GetProperty("attempts").GetInt32());
        Assert.Equal(1, done.GetProperty("result").GetProperty("attempt").GetInt32());
        Assert.Equal(System.Text.Json.JsonValueKind.String, done.GetProperty("started_at").ValueKind);
    }

    [Fact]
    public async Task A_finished_jobs_status_is_answered_from_the_cache_and_only_to_its_owner()
    {
        var owner = await Tenants.CreateUserAsync(fixture.App);
        var other = await Tenants.CreateUserAsync(fixture.App);
        var jobId = await owner.Http.SubmitJobAsync(new { duration_ms = 0 });
        var done = await owner.Http.WaitForStatusAsync(jobId, "completed");

        // The record is gone (as retention deletes it), yet the owner's read is still answered, unchanged: from Redis.
        await JobsDatabase.ScalarAsync<int>(fixture.App, "DELETE FROM jobs WHERE id = $1", jobId);
        var cached = await owner.Http.StatusAsync(jobId);

        Assert.Equal(done.GetRawText(), cached.GetRawText());
        var foreign = await other.Http.GetAsync($"/api/v1/jobs/{jobId}/status");
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
    }

    [Fact]
    public async Task Result_rows_are_paged_and_a_retried_attempt_does_not_duplicate_them()
    {
        var user = await Tenants.CreateUserAsync(fixture.App);
        var jobId = await user.Http.SubmitJobAsync(new { result_rows = 2500, fail_attempts = 1 });
        await user.Http.WaitForStatusAsync(jobId, "completed");

        var last = await Tenants.ReadAsync(await user.Http.GetAsync($"/api/v1/jobs/{jobId}/results?page=3&page_size=1000"));

        Assert.Equal(2500, last.GetProperty("total_rows").GetInt32());
        var rows = last.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(500, rows.Count);
        Assert.Equal(2000, rows[0].GetProperty("row").GetInt32());
        Assert.All(rows, r => Assert.Equal(2, r.GetProperty("attempt").GetInt32())); // rewritten by the retry
        Assert.Equal(HttpStatusCode.BadRequest, (await user.Http.GetAsync($"/api/v1/jobs/{jobId}/results?page_size=5000")).StatusCode);
        var stranger = await Tenants.CreateUserAsync(fixture.App);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Http.GetAsync($"/api/v1/jobs/{jobId}/results")).StatusCode);
    }
}
