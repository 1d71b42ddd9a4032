using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace JobPlatform.Tests.ProviderSandbox;

/// <summary>The control API: each fault kind, scoped to a provider and an operation, and the call counters.</summary>
public sealed class FaultSandboxTests(SandboxFactory sandbox) : IClassFixture<SandboxFactory>, IAsyncLifetime
{
    private const string AdAccounts = $"/graph/v22.0/me/adaccounts?access_token={SandboxFactory.GraphToken}";

    public async Task InitializeAsync()
    {
        using var client = sandbox.CreateClient();
        await client.DeleteAsync("/_sandbox/faults");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_status_fault_answers_count_requests_with_the_providers_error_then_stops()
    {
        using var client = sandbox.Apify();
        await client.InjectAsync(new { provider = "apify", operation = "dataset", kind = "status", status = 429, count = 2 });
        await client.InjectAsync(new { provider = "apify", kind = "status", status = 429, retry_after_seconds = 3 });

        using var first = await client.GetAsync("/apify/v2/datasets/AAAAAAAAAAAAAAAAA/items");
        using var second = await client.GetAsync("/apify/v2/datasets/AAAAAAAAAAAAAAAAA/items");
        using var anyOperation = await client.GetAsync("/apify/v2/actor-runs/AAAAAAAAAAAAAAAAA");
        using var third = await client.GetAsync("/apify/v2/datasets/AAAAAAAAAAAAAAAAA/items");

        Assert.Equal(HttpStatusCode.TooManyRequests, first.StatusCode);
        Assert.Equal("rate-limit-exceeded", JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("type").GetString());
        Assert.False(first.Headers.Contains("Retry-After"));
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, anyOperation.StatusCode);
        Assert.Equal("3", anyOperation.Headers.GetValues("Retry-After").Single());
        Assert.Equal(HttpStatusCode.NotFound, third.StatusCode);
    }

    [Fact]
    public async Task A_timeout_fault_hangs_then_drops_the_connection()
    {
        using var client = sandbox.CreateClient();
        await client.InjectAsync(new { provider = "graph", operation = "adaccounts", kind = "timeout", delay_ms = 300 });
        var watch = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<Exception>(() => client.GetAsync(AdAccounts));

        Assert.True(watch.ElapsedMilliseconds >= 250, $"dropped after {watch.ElapsedMilliseconds} ms");
        using var after = await client.GetAsync(AdAccounts);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task A_timeout_fault_lets_the_client_give_up_first()
    {
        using var client = sandbox.CreateClient();
        await client.InjectAsync(new { provider = "graph", operation = "adaccounts", kind = "timeout" });
        using var giveUp = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetAsync(AdAccounts, giveUp.Token));
    }

    [Fact]
    public async Task A_malformed_fault_is_a_200_whose_json_is_cut()
    {
        using var client = sandbox.CreateClient();
        await client.InjectAsync(new { provider = "graph", operation = "adaccounts", kind = "malformed" });

        using var response = await client.GetAsync(AdAccounts);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("{\"data\":[", body, StringComparison.Ordinal);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(body));
    }

    [Fact]
    public async Task A_latency_fault_delays_the_normal_answer()
    {
        using var client = sandbox.CreateClient();
        await client.InjectAsync(new { provider = "graph", kind = "latency", delay_ms = 300 });
        var watch = Stopwatch.StartNew();

        using var response = await client.GetAsync(AdAccounts);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(watch.ElapsedMilliseconds >= 280, $"answered after {watch.ElapsedMilliseconds} ms");
        Assert.NotEmpty((await response.Content.ReadFromJsonAsync<JsonObject>())!["data"]!.AsArray());
    }

    [Fact]
    public async Task Faults_can_be_listed_and_cleared_and_bad_ones_are_refused()
    {
        using var client = sandbox.CreateClient();
        await client.InjectAsync(new { provider = "cdn", kind = "status", status = 503, count = 5 });

        var pending = await client.GetFromJsonAsync<JsonArray>("/_sandbox/faults");
        using var cleared = await client.DeleteAsync("/_sandbox/faults");
        var none = await client.GetFromJsonAsync<JsonArray>("/_sandbox/faults");
        using var unknownOperation = await client.PostAsJsonAsync("/_sandbox/faults", new { provider = "graph", operation = "nope", kind = "status", status = 500 });
        using var noStatus = await client.PostAsJsonAsync("/_sandbox/faults", new { provider = "graph", kind = "status" });

        Assert.Equal(5, pending!.Single()!["remaining"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.NoContent, cleared.StatusCode);
        Assert.Empty(none!);
        Assert.Equal(HttpStatusCode.BadRequest, unknownOperation.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noStatus.StatusCode);
    }

    [Fact]
    public async Task Calls_are_counted_per_provider_and_operation_until_reset()
    {
        using var client = sandbox.CreateClient();
        using var reset = await client.DeleteAsync("/_sandbox/calls");

        (await client.GetAsync(AdAccounts)).Dispose();
        (await client.GetAsync(AdAccounts)).Dispose();
        (await client.GetAsync("/openai/v1/chat/completions")).Dispose();
        (await client.PostAsync("/openai/v1/chat/completions", null)).Dispose();

        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        Assert.Equal(2, await client.CallsAsync("graph", "adaccounts"));
        Assert.Equal(1, await client.CallsAsync("openai", "chat"));
        Assert.Equal(0, await client.CallsAsync("s3", "put"));
    }
}
