using System.Net;
using System.Text.Json;
using JobPlatform.Tests.Infrastructure;

namespace JobPlatform.Tests.ProfileAnalytics;

/// <summary>
/// Seed 000's endpoints through the whole topology, on the provider sandbox's deterministic Instagram: a
/// <c>private_*</c> account has no posts (its analysis completes without AI children), a <c>missing_*</c> one does
/// not exist, any other valid name is an account with posts.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class ProfileAnalyticsApiTests(AppHostFixture fixture)
{
    private static string Username(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..(prefix.Length + 16)];

    [Fact]
    public async Task A_profile_is_answered_at_once_with_one_background_job_then_from_the_cache()
    {
        var user = await Tenants.CreateUserAsync(fixture.App);
        var username = Username("Private_");

        var first = await ReadAsync(await user.Http.GetAsync($"/api/v1/instagram/profile/{username}"), HttpStatusCode.OK);
        var again = await ReadAsync(await user.Http.GetAsync($"/api/v1/instagram/profile/{username}"), HttpStatusCode.OK);

        Assert.True(first.GetProperty("success").GetBoolean());
        Assert.Equal(username.ToLowerInvariant(), first.GetProperty("username").GetString());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("full_name").ValueKind);
        Assert.False(first.GetProperty("ai_analysis").GetProperty("available").GetBoolean());
        var job = first.GetProperty("background_job");
        Assert.Equal("queued", job.GetProperty("status").GetString());
        Assert.Equal("AI analysis queued for background processing", job.GetProperty("message").GetString());
        Assert.True(job.GetProperty("non_blocking").GetBoolean());
        var jobId = job.GetProperty("job_id").GetGuid();
        // A reload gets the live job back, and is not charged again.
        Assert.Equal(jobId, again.GetProperty("background_job").GetProperty("job_id").GetGuid());
        Assert.Equal(999, await Tenants.CreditsAsync(fixture.App, user.TenantId));

        var done = await user.Http.WaitForStatusAsync(jobId, "completed");
        Assert.Equal("profile_analysis", done.GetProperty("job_type").GetString());
        Assert.Equal(100, done.GetProperty("progress_percent").GetInt32());
        Assert.True(done.GetProperty("result").GetProperty("ai_analysis").GetProperty("available").GetBoolean());

        var cached = await ReadAsync(await user.Http.GetAsync($"/api/v1/instagram/profile/{username}"), HttpStatusCode.OK);
        Assert.True(cached.GetProperty("ai_analysis").GetProperty("available").GetBoolean());
        Assert.Equal(0, cached.GetProperty("ai_analysis").GetProperty("analyzed_posts").GetInt32());
        Assert.True(cached.GetProperty("is_private").GetBoolean());
        Assert.False(cached.TryGetProperty("background_job", out _));

        var posted = await user.Http.PostAsync($"/api/v1/analytics/profile/{username}", null);
        var answer = await ReadAsync(posted, HttpStatusCode.OK);
        Assert.True(answer.GetProperty("cached").GetBoolean());
        Assert.Equal(JsonValueKind.Null, answer.GetProperty("job_id").ValueKind);
        Assert.Equal("completed", answer.GetProperty("status").GetString());
        Assert.Equal(username.ToLowerInvariant(), answer.GetProperty("result").GetProperty("username").GetString());
        Assert.Equal(999, await Tenants.CreditsAsync(fixture.App, user.TenantId));

        var posts = await ReadAsync(await user.Http.GetAsync($"/api/v1/instagram/posts/{username}"), HttpStatusCode.OK);
        Assert.Empty(posts.GetProperty("posts").EnumerateArray());
    }

    [Fact]
    public async Task A_profile_that_does_not_exist_fails_its_job_at_once_refunded_and_is_404_afterwards()
    {
        var user = await Tenants.CreateUserAsync(fixture.App);
        var username = Username("missing_");

        var response = await user.Http.PostAsync($"/api/v1/analytics/profile/{username}", null);
        var accepted = await ReadAsync(response, HttpStatusCode.Accepted);
        var jobId = accepted.GetProperty("job_id").GetGuid();
        Assert.Equal("queued", accepted.GetProperty("status").GetString());
        Assert.False(accepted.GetProperty("cached").GetBoolean());
        Assert.True(accepted.GetProperty("estimated_completion_seconds").GetInt32() >= 120);
        Assert.Equal($"/api/v1/jobs/{jobId}/status", accepted.GetProperty("polling_url").GetString());
        Assert.StartsWith("ws://", accepted.GetProperty("websocket_url").GetString());
        Assert.EndsWith($"/ws/jobs/{jobId}", accepted.GetProperty("websocket_url").GetString());

        var failed = await user.Http.WaitForStatusAsync(jobId, "failed");
        Assert.Equal(1, failed.GetProperty("attempts").GetInt32());
        Assert.Contains("does not exist", failed.GetProperty("error_message").GetString());
        await Eventually.ReturnsAsync(() => Tenants.CreditsAsync(fixture.App, user.TenantId), credits => credits == 1000, TimeSpan.FromSeconds(10), "the refund");

        foreach (var path in new[] { $"/api/v1/instagram/profile/{username}", $"/api/v1/instagram/posts/{username}" })
        {
            var missing = await user.Http.GetAsync(path);
            var error = await ReadAsync(missing, HttpStatusCode.NotFound);
            Assert.False(error.GetProperty("success").GetBoolean());
            Assert.Contains(username, error.GetProperty("detail").GetString());
        }

        Assert.Equal(HttpStatusCode.NotFound, (await user.Http.PostAsync($"/api/v1/analytics/profile/{username}", null)).StatusCode);
    }

    [Fact]
    public async Task A_profile_with_posts_is_fetched_and_its_posts_stored_with_their_images_rehosted()
    {
        var user = await Tenants.CreateUserAsync(fixture.App);
        var username = Username("acct_");

        var accepted = await ReadAsync(await user.Http.PostAsync($"/api/v1/analytics/profile/{username}", null), HttpStatusCode.Accepted);
        var jobId = accepted.GetProperty("job_id").GetGuid();
        var again = await ReadAsync(await user.Http.PostAsync($"/api/v1/analytics/profile/{username}", null), HttpStatusCode.Accepted);
        Assert.Equal(jobId, again.GetProperty("job_id").GetGuid());

        var ended = await user.Http.WaitForStatusAsync(jobId, "completed", TimeSpan.FromSeconds(90));
        var posts = await ReadAsync(await user.Http.GetAsync($"/api/v1/instagram/posts/{username}"), HttpStatusCode.OK);

        var list = posts.GetProperty("posts").EnumerateArray().ToList();
        Assert.InRange(list.Count, 1, 12);
        var dates = list.Select(p => p.GetProperty("posted_at").GetDateTimeOffset()).ToList();
        Assert.Equal(dates.OrderDescending(), dates);
        Assert.All(list, p => Assert.StartsWith("http", p.GetProperty("media_url").GetString()));
        Assert.All(list, p => Assert.DoesNotContain("/cdn/", p.GetProperty("media_url").GetString()));
        Assert.Equal(list.Count, ended.GetProperty("result").GetProperty("ai_analysis").GetProperty("analyzed_posts").GetInt32());

        var profile = await ReadAsync(await user.Http.GetAsync($"/api/v1/instagram/profile/{username}"), HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.String, profile.GetProperty("full_name").ValueKind);
    }

    [Fact]
    public async Task Refusals_on_the_000_paths_speak_its_error_body_before_and_inside_the_endpoint()
    {
        var user = await Tenants.CreateUserAsync(fixture.App);
        using var anonymous = fixture.App.CreateHttpClient("api");

        var unauthorized = await anonymous.GetAsync("/api/v1/instagram/profile/natgeo");
        Assert.Equal("Bearer", unauthorized.Headers.WwwAuthenticate.ToString());
        var error = await ReadAsync(unauthorized, HttpStatusCode.Unauthorized);
        Assert.Equal(["success", "detail"], error.EnumerateObject().Select(p => p.Name));
        Assert.False(error.GetProperty("success").GetBoolean());

        var invalid = await user.Http.PostAsync("/api/v1/analytics/profile/nat-geo", null);
        Assert.Contains("username", (await ReadAsync(invalid, HttpStatusCode.BadRequest)).GetProperty("detail").GetString());

        // The generic paths keep problem details.
        var generic = await anonymous.GetAsync("/api/v1/jobs");
        Assert.Equal(HttpStatusCode.Unauthorized, generic.StatusCode);
        Assert.Equal("application/problem+json", generic.Content.Headers.ContentType?.MediaType);
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
