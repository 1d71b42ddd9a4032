using System.Net;
using System.Net.Http.Json;
using System.Text;
using JobPlatform.Tests.Infrastructure;

namespace JobPlatform.Tests.Jobs;

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
    public async Task Every_endpoint_but_health_needs_a_valid_key()
    {
        using var anonymous = fixture.App.CreateHttpClient("api");
        using var wrongKey = fixture.App.CreateHttpClient("api");
        wrongKey.DefaultRequestHeaders.Authorization = new("Bearer", "jp_not-a-key");

        foreach (var http in new[] { anonymous, wrongKey })
        {
            var response = await http.GetAsync("/api/v1/jobs");
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsJsonAsync("/api/v1/jobs", new { job_type = "diagnostic", parameters = new { } })).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsJsonAsync("/api/v1/admin/tenants", new { name = "x", tier = "free" })).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/alive")).StatusCode);
        var user = await Tenants.CreateUserAsync(fixture.App);
        Assert.Equal(HttpStatusCode.Forbidden, (await user.Http.PostAsJsonAsync("/api/v1/admin/tenants", new { name = "x", tier = "free" })).StatusCode);
    }

    [Fact]
    public async Task Another_users_job_is_404_on_every_endpoint()
    {
        var owner = await Tenants.CreateUserAsync(fixture.App);
        var stranger = await Tenants.CreateUserAsync(fixture.App);
        var jobId = await owner.Http.SubmitJobAsync(new { duration_ms = 5000 });

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Http.GetAsync($"/api/v1/jobs/{jobId}/status")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Http.DeleteAsync($"/api/v1/jobs/{jobId}")).StatusCode);
        var list = await Tenants.ReadAsync(await stranger.Http.GetAsync("/api/v1/jobs"));
        Assert.Empty(list.GetProperty("jobs").EnumerateArray());
        Assert.NotEqual("cancelled", (await owner.Http.StatusAsync(jobId)).GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("""{"job_type":"nope","parameters":{}}""", "job_type must be one of")]
    [InlineData("""{"job_type":"diagnostic","priority":"urgent","parameters":{}}""", "priority must be one of")]
    [InlineData("""{"job_type":"diagnostic","parameters":[1]}""", "parameters must be a JSON object")]
    [InlineData("""{"job_type":"diagnostic"}""", "parameters must be a JSON object")]
    [InlineData("""{"job_type":"diagnostic","parameters":{"duration_ms":-5}}""", "parameters.duration_ms must be an integer from 0")]
    [InlineData("""{"job_type":"diagnostic","parameters":""", "")]
    public async Task Bad_input_is_a_400_problem_that_says_what_is_wrong_and_records_nothing(string body, string message)
    {
        var user = await Tenants.CreateUserAsync(fixture.App);

        var response = await user.Http.PostAsync("/api/v1/jobs", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(message, await response.Content.ReadAsStringAsync());
        var list = await Tenants.ReadAsync(await user.Http.GetAsync("/api/v1/jobs"));
        Assert.Empty(list.GetProperty("jobs").EnumerateArray());
        Assert.Equal(1000, await Tenants.CreditsAsync(fixture.App, user.TenantId));
    }

    [Fact]
    public async Task The_same_idempotency_key_returns_the_same_job_and_rejects_another_body()
    {
        var user = await Tenants.CreateUserAsync(fixture.App);

        var first = await Tenants.ReadAsync(await user.Http.SubmitAsync(new { duration_ms = 10 }, idempotencyKey: "order-42"));
        var again = await Tenants.ReadAsync(await user.Http.SubmitAsync(new { duration_ms = 10 }, idempotencyKey: "order-42"));
        var other = await user.Http.SubmitAsync(new { duration_ms = 20 }, idempotencyKey: "order-42");

        Assert.Equal(first.GetProperty("job_id").GetGuid(), again.GetProperty("job_id").GetGuid());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        Assert.Contains("order-42", await other.Content.ReadAsStringAsync());
        Assert.Equal(999, await Tenants.CreditsAsync(fixture.App, user.TenantId));
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

    [Fact]
    public async Task The_job_list_is_newest_first_filtered_and_paged_by_cursor()
    {
        var user = await Tenants.CreateUserAsync(fixture.App);
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await user.Http.SubmitJobAsync(new { duration_ms = 0 }));
        }

        var seen = new List<Guid>();
        string? cursor = null;
        do
        {
            var page = await Tenants.ReadAsync(await user.Http.GetAsync($"/api/v1/jobs?job_type=diagnostic&limit=2{(cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}")}"));
            seen.AddRange(page.GetProperty("jobs").EnumerateArray().Select(j => j.GetProperty("job_id").GetGuid()));
            cursor = page.GetProperty("next_cursor").GetString();
        }
        while (cursor is not null);

        Assert.Equal(Enumerable.Reverse(ids), seen);
        Assert.Equal(HttpStatusCode.BadRequest, (await user.Http.GetAsync("/api/v1/jobs?status=pending")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await user.Http.GetAsync("/api/v1/jobs?cursor=garbage")).StatusCode);
    }
}
