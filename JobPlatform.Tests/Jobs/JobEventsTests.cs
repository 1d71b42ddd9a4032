using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using JobPlatform.Tests.Infrastructure;

namespace JobPlatform.Tests.Jobs;

[Collection(AppHostCollection.Name)]
public sealed class JobEventsTests(AppHostFixture fixture)
{
    private static readonly object ProgressingJob = new { duration_ms = 1500, progress_steps = 3 };

    [Fact]
    public async Task Server_sent_events_from_another_api_replica_carry_progress_and_end_with_the_terminal_state()
    {
        var user = await Tenants.CreateUserAsync(fixture.App);
        var jobId = await user.Http.SubmitJobAsync(ProgressingJob);

        // Submitted through the first replica, watched through the second: updates travel through Redis.
        using var secondReplica = new HttpClient { BaseAddress = new Uri(fixture.App.HttpUrls("api")[1]) };
        secondReplica.DefaultRequestHeaders.Authorization = user.Http.DefaultRequestHeaders.Authorization;
        using var response = await secondReplica.GetAsync($"/api/v1/jobs/{jobId}/events", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var updates = new List<JsonElement>();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                updates.Add(JsonDocument.Parse(line["data: ".Length..]).RootElement.Clone());
            }
        }

        AssertProgressThenCompletion(updates);
    }

    [Fact]
    public async Task A_key_in_the_query_opens_only_the_live_update_endpoints()
    {
        var user = await Tenants.CreateUserAsync(fixture.App);
        var jobId = await user.Http.SubmitJobAsync(new { duration_ms = 0 });
        await user.Http.WaitForStatusAsync(jobId, "completed");
        var key = user.Http.DefaultRequestHeaders.Authorization!.Parameter;
        using var anonymous = fixture.App.CreateHttpClient("api");

        using var events = await anonymous.GetAsync($"/api/v1/jobs/{jobId}/events?access_token={key}", HttpCompletionOption.ResponseHeadersRead);
        using var status = await anonymous.GetAsync($"/api/v1/jobs/{jobId}/status?access_token={key}");
        using var list = await anonymous.GetAsync($"/api/v1/jobs?access_token={key}");

        Assert.Equal(HttpStatusCode.OK, events.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, status.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, list.StatusCode);
    }

    [Fact]
    public async Task A_websocket_carries_progress_and_closes_after_the_terminal_state()
    {
        var user = await Tenants.CreateUserAsync(fixture.App);
        var accepted = await Tenants.ReadAsync(await user.Http.SubmitAsync(ProgressingJob));
        var key = user.Http.DefaultRequestHeaders.Authorization!.Parameter;

        using var socket = new ClientWebSocket();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await socket.ConnectAsync(new Uri($"{accepted.GetProperty("websocket_url").GetString()}?access_token={key}"), timeout.Token);
        var updates = new List<JsonElement>();
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var received = await socket.ReceiveAsync(buffer, timeout.Token);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                break;
            }

            updates.Add(JsonDocument.Parse(Encoding.UTF8.GetString(buffer, 0, received.Count)).RootElement.Clone());
        }

        Assert.Equal(WebSocketCloseStatus.NormalClosure, socket.CloseStatus);
        AssertProgressThenCompletion(updates);
    }

    [Fact]
    public async Task Another_users_job_has_no_event_stream()
    {
        var owner = await Tenants.CreateUserAsync(fixture.App);
        var stranger = await Tenants.CreateUserAsync(fixture.App);
        var jobId = await owner.Http.SubmitJobAsync(new { duration_ms = 0 });

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Http.GetAsync($"/api/v1/jobs/{jobId}/events")).StatusCode);
        using var socket = new ClientWebSocket();
        var key = stranger.Http.DefaultRequestHeaders.Authorization!.Parameter;
        var url = $"{fixture.App.HttpUrls("api")[0].Replace("http", "ws")}/ws/jobs/{jobId}?access_token={key}";
        var refused = await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(new Uri(url), CancellationToken.None));
        Assert.Contains("404", refused.Message);
    }

    private static void AssertProgressThenCompletion(List<JsonElement> updates)
    {
        var statuses = updates.Select(u => u.GetProperty("status").GetString()).ToList();
        Assert.Equal("completed", statuses[^1]);
        Assert.Single(statuses, "completed");
        Assert.Contains("processing", statuses);
        var progress = updates.Where(u => u.GetProperty("status").GetString() == "processing")
            .Select(u => u.GetProperty("progress_percent").GetInt32()).ToList();
        Assert.Contains(66, progress);
        Assert.Equal(progress.Order(), progress); // never goes backwards
        Assert.Equal(100, updates[^1].GetProperty("progress_percent").GetInt32());
    }
}
