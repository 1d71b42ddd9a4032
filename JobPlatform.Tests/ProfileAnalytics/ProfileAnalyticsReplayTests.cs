using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using JobPlatform.Tests.Infrastructure;
using JobPlatform.Tests.Providers;

namespace JobPlatform.Tests.ProfileAnalytics;

/// <summary>
/// Seed 000's frontend, replayed against the running system (docs/requirements.md R-000-10): its three integration
/// options, the same username asked by two tenants, unknown usernames, and a provider outage. The pipeline runs for real:
/// Apify and the media store in the provider sandbox (fast latency profile), the AI child jobs on the AI workers.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class ProfileAnalyticsReplayTests(AppHostFixture fixture)
{
    private static readonly TimeSpan PipelineTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Option_2_gets_basic_data_and_a_background_job_then_the_result_over_the_websocket_then_the_cached_profile()
    {
        var user = await Tenants.CreateUserAsync(fixture.App);
        var username = NewUsername();

        var first = await GetProfileAsync(user, username);
        var again = await GetProfileAsync(user, username); // a page reload while the job runs

        Assert.True(first.GetProperty("success").GetBoolean());
        Assert.Equal(username, first.GetProperty("username").GetString());
        Assert.False(first.GetProperty("ai_analysis").GetProperty("available").GetBoolean());
        var job = first.GetProperty("background_job");
        var jobId = job.GetProperty("job_id").GetGuid();
        Assert.Equal("queued", job.GetProperty("status").GetString());
        Assert.Equal("AI analysis queued for background processing", job.GetProperty("message").GetString());
        Assert.True(job.GetProperty("non_blocking").GetBoolean());
        Assert.Equal(jobId, again.GetProperty("background_job").GetProperty("job_id").GetGuid());
        Assert.Equal(999, await Tenants.CreditsAsync(fixture.App, user.TenantId)); // charged once

        // The seed's trackJobProgress: resolve with update.result when update.status === 'completed'.
        var updates = await WatchAsync(user, jobId);
        var completed = updates[^1];
        Assert.Equal("completed", completed.GetProperty("status").GetString());
        Assert.Equal("profile_analysis", completed.GetProperty("job_type").GetString());
        var result = completed.GetProperty("result");
        Assert.True(result.GetProperty("ai_analysis").GetProperty("available").GetBoolean());
        Assert.True(result.GetProperty("ai_analysis").GetProperty("analyzed_posts").GetInt32() > 0);
        // Progress only moves forward, through the stages of R-000-8, the AI stage at 65 as in the seed.
        var progress = updates.Select(u => u.GetProperty("progress_percent").GetInt32()).ToList();
        Assert.Equal(progress.Order(), progress);
        var messages = updates.Select(u => u.GetProperty("progress_message").GetString()).Distinct().ToList();
        Assert.Contains("Processing AI analysis", messages);
        Assert.Contains(updates, u => u.GetProperty("progress_message").GetString() == "Processing AI analysis"
            && u.GetProperty("progress_percent").GetInt32() is >= 65 and < 95);

        var cached = await GetProfileAsync(user, username);
        Assert.True(cached.GetProperty("ai_analysis").GetProperty("available").GetBoolean());
        Assert.False(cached.TryGetProperty("background_job", out _));
        Assert.Equal(result.GetProperty("full_name").GetString(), cached.GetProperty("full_name").GetString());
        Assert.Equal(999, await Tenants.CreditsAsync(fixture.App, user.TenantId));

        var posts = await Tenants.ReadAsync(await user.Http.GetAsync($"/api/v1/instagram/posts/{username}"));
        var analysed = posts.GetProperty("posts").EnumerateArray().Where(p => p.GetProperty("ai_analysis").ValueKind == JsonValueKind.Object).ToList();
        Assert.Equal(result.GetProperty("ai_analysis").GetProperty("analyzed_posts").GetInt32(), analysed.Count);
        Assert.All(analysed, p => Assert.Contains(p.GetProperty("ai_analysis").GetProperty("sentiment").GetString(), new[] { "positive", "neutral", "negative" }));
    }

    [Fact]
    public async Task Option_3_posts_for_a_job_follows_it_by_polling_then_gets_the_cached_result_at_once()
    {
        var user = await Tenants.CreateUserAsync(fixture.App);
        var username = NewUsername();

        var response = await user.Http.PostAsync($"/api/v1/analytics/profile/{username}", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var job = await Tenants.ReadAsync(response);
        Assert.True(job.GetProperty("success").GetBoolean());
        Assert.False(job.GetProperty("cached").GetBoolean());
        var jobId = job.GetProperty("job_id").GetGuid();
        Assert.Equal("queued", job.GetProperty("status").GetString());
        Assert.True(job.GetProperty("queue_position").GetInt32() >= 1);
        Assert.True(job.GetProperty("estimated_completion_seconds").GetInt32() >= 1);
        Assert.Equal($"/api/v1/jobs/{jobId}/status", job.GetProperty("polling_url").GetString());
        Assert.EndsWith($"/ws/jobs/{jobId}", job.GetProperty("websocket_url").GetString());
        Assert.True(job.GetProperty("timestamp").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));

        var done = await user.Http.WaitForStatusAsync(jobId, "completed", PipelineTimeout);
        Assert.Equal(100, done.GetProperty("progress_percent").GetInt32());

        var cached = await user.Http.PostAsync($"/api/v1/analytics/profile/{username}", null);
        Assert.Equal(HttpStatusCode.OK, cached.StatusCode);
        var body = await Tenants.ReadAsync(cached);
        Assert.True(body.GetProperty("cached").GetBoolean());
        // The same document (the job's result is stored as jsonb, which orders members its own way).
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(done.GetProperty("result").GetRawText()), JsonNode.Parse(body.GetProperty("result").GetRawText())));
        Assert.Equal(999, await Tenants.CreditsAsync(fixture.App, user.TenantId));
    }

    [Fact]
    public async Task Option_1_keeps_working_unchanged_and_two_tenants_asking_for_one_username_each_get_their_own_job()
    {
        var first = await Tenants.CreateUserAsync(fixture.App);
        var second = await Tenants.CreateUserAsync(fixture.App);
        var username = NewUsername();

        var answers = await Task.WhenAll(GetProfileAsync(first, username), GetProfileAsync(second, username));

        var jobs = answers.Select(a => a.GetProperty("background_job").GetProperty("job_id").GetGuid()).ToList();
        Assert.NotEqual(jobs[0], jobs[1]);
        Assert.Equal(HttpStatusCode.NotFound, (await second.Http.GetAsync($"/api/v1/jobs/{jobs[0]}/status")).StatusCode);
        await first.Http.WaitForStatusAsync(jobs[0], "completed", PipelineTimeout);
        await second.Http.WaitForStatusAsync(jobs[1], "completed", PipelineTimeout);
        Assert.Equal(999, await Tenants.CreditsAsync(fixture.App, first.TenantId));
        Assert.Equal(999, await Tenants.CreditsAsync(fixture.App, second.TenantId));
    }

    [Fact]
    public async Task An_invalid_username_is_400_and_one_instagram_does_not_know_fails_once_refunded_then_is_404()
    {
        var user = await Tenants.CreateUserAsync(fixture.App);

        var invalid = await user.Http.GetAsync("/api/v1/instagram/profile/not-valid");
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.False((await ReadJsonAsync(invalid)).GetProperty("success").GetBoolean());

        var username = $"missing_{Guid.NewGuid():N}"[..24];
        var jobId = (await GetProfileAsync(user, username)).GetProperty("background_job").GetProperty("job_id").GetGuid();
        var failed = await user.Http.WaitForStatusAsync(jobId, "failed", PipelineTimeout);

        Assert.Equal(1, failed.GetProperty("attempts").GetInt32()); // no retry can make it exist
        Assert.Contains(username, failed.GetProperty("error_message").GetString());
        Assert.Equal(1000, await Tenants.CreditsAsync(fixture.App, user.TenantId));
        var unknown = await user.Http.GetAsync($"/api/v1/instagram/profile/{username}");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var error = await ReadJsonAsync(unknown);
        Assert.False(error.GetProperty("success").GetBoolean());
        Assert.Contains(username, error.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task During_an_apify_outage_the_job_retries_then_fails_refunded_and_the_profile_keeps_answering()
    {
        var sandbox = new Providers.ProviderSandbox(fixture.App);
        var user = await Tenants.CreateUserAsync(fixture.App);
        var username = NewUsername();
        await sandbox.ResetAsync();
        try
        {
            await sandbox.AddFaultAsync(SandboxFault.WithStatus("apify", "runs", 503, count: 1000));
            var jobId = (await GetProfileAsync(user, username)).GetProperty("background_job").GetProperty("job_id").GetGuid();

            var failed = await user.Http.WaitForStatusAsync(jobId, "failed", PipelineTimeout);

            Assert.Equal(4, failed.GetProperty("attempts").GetInt32()); // R-003-7: retried, then failed for good
            Assert.Equal(1000, await Tenants.CreditsAsync(fixture.App, user.TenantId));
            var profile = await GetProfileAsync(user, username); // still answers, with what is known
            Assert.True(profile.GetProperty("success").GetBoolean());
            Assert.False(profile.GetProperty("ai_analysis").GetProperty("available").GetBoolean());
        }
        finally
        {
            await sandbox.ResetAsync();
        }
    }

    /// <summary>A username the sandbox knows (any valid one exists there) and no other test asks for.</summary>
    private static string NewUsername() => $"creator_{Guid.NewGuid():N}"[..20];

    private static async Task<JsonElement> GetProfileAsync(TestUser user, string username)
    {
        var response = await user.Http.GetAsync($"/api/v1/instagram/profile/{username}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ReadJsonAsync(response);
    }

    private static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    /// <summary>Every message of the job's WebSocket until the server closes it after the terminal state.</summary>
    private async Task<List<JsonElement>> WatchAsync(TestUser user, Guid jobId)
    {
        var key = user.Http.DefaultRequestHeaders.Authorization!.Parameter;
        using var socket = new ClientWebSocket();
        using var timeout = new CancellationTokenSource(PipelineTimeout);
        var url = $"{fixture.App.HttpUrls("api")[0].Replace("http", "ws")}/ws/jobs/{jobId}?access_token={key}";
        await socket.ConnectAsync(new Uri(url), timeout.Token);
        var updates = new List<JsonElement>();
        var buffer = new byte[256 * 1024];
        while (true)
        {
            var received = await socket.ReceiveAsync(buffer, timeout.Token);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                return updates;
            }

            Assert.True(received.EndOfMessage, "a message larger than the test's buffer");
            updates.Add(JsonDocument.Parse(Encoding.UTF8.GetString(buffer, 0, received.Count)).RootElement.Clone());
        }
    }
}
