using System.Net;
using System.Net.Http.Json;
using JobPlatform.Tests.Infrastructure;

namespace JobPlatform.Tests.Jobs;

/// <summary>The accept path's rules (docs/requirements.md R-003-3 to R-003-5): tier limits, credits and refunds, lane capacity.</summary>
[Collection(AppHostCollection.Name)]
public sealed class JobRulesTests(AppHostFixture fixture)
{
    [Fact]
    public async Task A_free_tenant_gets_429_beyond_two_concurrent_jobs_with_retry_after()
    {
        var user = await Tenants.CreateUserAsync(fixture.App, tier: "free");
        await user.Http.SubmitJobAsync(new { duration_ms = 20_000 });
        await user.Http.SubmitJobAsync(new { duration_ms = 20_000 });

        var third = await user.Http.SubmitAsync(new { duration_ms = 0 });

        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.NotNull(third.Headers.RetryAfter);
        Assert.Contains("allows 2 queued or running jobs", await third.Content.ReadAsStringAsync());
        Assert.Equal(998, await Tenants.CreditsAsync(fixture.App, user.TenantId));
    }

    [Fact]
    public async Task The_daily_limit_refuses_the_51st_job_of_a_free_tenant_and_resets_the_next_day()
    {
        var user = await Tenants.CreateUserAsync(fixture.App, tier: "free");
        // Fifty jobs accepted today, as the tenant's day counter records them (quicker than running them: the tier
        // runs two at a time).
        await JobsDatabase.ScalarAsync<object>(fixture.App,
            "UPDATE tenants SET jobs_today = 50, jobs_day = (now() AT TIME ZONE 'UTC')::date WHERE id = $1", user.TenantId);

        var refused = await user.Http.SubmitAsync(new { duration_ms = 0 });
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("50 jobs per UTC day", await refused.Content.ReadAsStringAsync());
        Assert.True(refused.Headers.RetryAfter?.Delta <= TimeSpan.FromDays(1));

        // The day turns: yesterday's jobs no longer count.
        await JobsDatabase.ScalarAsync<object>(fixture.App, "UPDATE tenants SET jobs_day = jobs_day - 1 WHERE id = $1", user.TenantId);
        Assert.Equal(HttpStatusCode.Accepted, (await user.Http.SubmitAsync(new { duration_ms = 0 })).StatusCode);
    }

    [Fact]
    public async Task Credits_are_deducted_on_accept_and_a_short_balance_is_402()
    {
        var user = await Tenants.CreateUserAsync(fixture.App, credits: 1);

        Assert.Equal(HttpStatusCode.Accepted, (await user.Http.SubmitAsync(new { duration_ms = 0 })).StatusCode);
        var refused = await user.Http.SubmitAsync(new { duration_ms = 0 });

        Assert.Equal(HttpStatusCode.PaymentRequired, refused.StatusCode);
        Assert.Contains("balance is 0", await refused.Content.ReadAsStringAsync());
        Assert.Equal(0, await Tenants.CreditsAsync(fixture.App, user.TenantId));
    }

    [Fact]
    public async Task Concurrent_accepts_never_take_the_balance_below_zero()
    {
        var user = await Tenants.CreateUserAsync(fixture.App, credits: 7);

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => user.Http.SubmitAsync(new { duration_ms = 0 })));

        Assert.Equal(7, responses.Count(r => r.StatusCode == HttpStatusCode.Accepted));
        Assert.Equal(13, responses.Count(r => r.StatusCode == HttpStatusCode.PaymentRequired));
        Assert.Equal(0, await Tenants.CreditsAsync(fixture.App, user.TenantId));
    }

    [Fact]
    public async Task A_job_that_fails_permanently_is_refunded_dead_lettered_and_can_be_redriven()
    {
        var user = await Tenants.CreateUserAsync(fixture.App, credits: 10);
        var jobId = await user.Http.SubmitJobAsync(new { fail_attempts = 4 });

        var failed = await user.Http.WaitForStatusAsync(jobId, "failed");

        Assert.Equal(4, failed.GetProperty("attempts").GetInt32()); // the first run and 3 retries
        Assert.Contains("attempt 4", failed.GetProperty("error_message").GetString());
        Assert.Equal(10, await Tenants.CreditsAsync(fixture.App, user.TenantId));
        using var admin = Tenants.Operator(fixture.App);
        var deadLetters = await Tenants.ReadAsync(await admin.GetAsync("/api/v1/admin/dead-letters"));
        Assert.Contains(deadLetters.EnumerateArray(), j => j.GetProperty("job_id").GetGuid() == jobId);

        await Tenants.ReadAsync(await admin.PostAsync($"/api/v1/admin/dead-letters/{jobId}/redrive", null));
        var completed = await user.Http.WaitForStatusAsync(jobId, "completed");

        Assert.Equal(5, completed.GetProperty("result").GetProperty("attempt").GetInt32());
        Assert.Equal(9, await Tenants.CreditsAsync(fixture.App, user.TenantId));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync($"/api/v1/admin/dead-letters/{jobId}/redrive", null)).StatusCode);
    }

    [Fact]
    public async Task A_redrive_the_credits_do_not_cover_is_refused_with_402_and_changes_nothing()
    {
        var user = await Tenants.CreateUserAsync(fixture.App, credits: 1);
        var jobId = await user.Http.SubmitJobAsync(new { fail_attempts = 4 });
        await user.Http.WaitForStatusAsync(jobId, "failed");
        Assert.Equal(1, await Tenants.CreditsAsync(fixture.App, user.TenantId)); // refunded
        await JobsDatabase.ScalarAsync<int>(fixture.App, "UPDATE tenants SET credits = 0 WHERE id = $1", user.TenantId); // spent elsewhere
        using var admin = Tenants.Operator(fixture.App);

        var refused = await admin.PostAsync($"/api/v1/admin/dead-letters/{jobId}/redrive", null);

        Assert.Equal(HttpStatusCode.PaymentRequired, refused.StatusCode);
        Assert.Equal(0, await Tenants.CreditsAsync(fixture.App, user.TenantId));
        var status = await Tenants.ReadAsync(await user.Http.GetAsync($"/api/v1/jobs/{jobId}/status"));
        Assert.Equal("failed", status.GetProperty("status").GetString());
        var deadLetters = await Tenants.ReadAsync(await admin.GetAsync("/api/v1/admin/dead-letters"));
        Assert.Contains(deadLetters.EnumerateArray(), j => j.GetProperty("job_id").GetGuid() == jobId);
    }

    [Fact]
    public async Task A_user_of_an_unknown_tenant_is_refused_with_404_and_no_key_is_stored()
    {
        using var admin = Tenants.Operator(fixture.App);
        var before = await JobsDatabase.ScalarAsync<long>(fixture.App, "SELECT count(*) FROM api_keys");

        var refused = await admin.PostAsJsonAsync($"/api/v1/admin/tenants/{Guid.NewGuid()}/users", new { name = "nobody" });

        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal(before, await JobsDatabase.ScalarAsync<long>(fixture.App, "SELECT count(*) FROM api_keys"));
    }

    [Fact]
    public async Task A_failed_attempt_is_retried_and_the_job_completes()
    {
        var user = await Tenants.CreateUserAsync(fixture.App);
        var jobId = await user.Http.SubmitJobAsync(new { fail_attempts = 2 });

        var completed = await user.Http.WaitForStatusAsync(jobId, "completed");

        Assert.Equal(3, completed.GetProperty("attempts").GetInt32());
        Assert.Equal(3, completed.GetProperty("result").GetProperty("attempt").GetInt32());
        Assert.Equal(999, await Tenants.CreditsAsync(fixture.App, user.TenantId));
    }

    [Fact]
    public async Task An_attempt_past_its_lane_timeout_fails_as_timed_out()
    {
        var user = await Tenants.CreateUserAsync(fixture.App);
        var jobId = await user.Http.SubmitJobAsync(new { duration_ms = 10_000 }, priority: "high");

        var failed = await user.Http.WaitForStatusAsync(jobId, "failed", TimeSpan.FromSeconds(60));

        Assert.Equal(4, failed.GetProperty("attempts").GetInt32());
        Assert.Equal("Attempt 4 timed out after 00:00:01.", failed.GetProperty("error_message").GetString());
    }

    [Fact]
    public async Task A_running_job_is_cancelled_within_a_second_without_refund()
    {
        var user = await Tenants.CreateUserAsync(fixture.App);
        var jobId = await user.Http.SubmitJobAsync(new { duration_ms = 60_000, progress_steps = 60 });
        await user.Http.WaitForStatusAsync(jobId, "processing");

        var requested = DateTimeOffset.UtcNow;
        var response = await Tenants.ReadAsync(await user.Http.DeleteAsync($"/api/v1/jobs/{jobId}"));
        var cancelled = await user.Http.WaitForStatusAsync(jobId, "cancelled", TimeSpan.FromSeconds(10));

        Assert.Equal("processing", response.GetProperty("status").GetString());
        Assert.True(cancelled.GetProperty("completed_at").GetDateTimeOffset() - requested < TimeSpan.FromSeconds(1),
            $"cancelled at {cancelled.GetProperty("completed_at")}, requested at {requested:O}");
        Assert.Equal(999, await Tenants.CreditsAsync(fixture.App, user.TenantId));
        Assert.Equal(HttpStatusCode.Conflict, (await user.Http.DeleteAsync($"/api/v1/jobs/{jobId}")).StatusCode);
    }
}
