using System.Diagnostics;
using JobPlatform.Providers;
using JobPlatform.Providers.Apify;
using JobPlatform.Tests.Infrastructure;

namespace JobPlatform.Tests.Providers;

/// <summary>
/// The Apify client against the sandbox, through the real HTTP stack and its real pipeline: a run is started, polled
/// until it ends and its dataset read page by page; failures are retried, waited out or reported as the workloads need.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class ApifyClientTests(AppHostFixture fixture) : IAsyncLifetime
{
    private readonly ProviderSandbox _sandbox = new(fixture.App);

    public Task InitializeAsync() => _sandbox.ResetAsync();

    public Task DisposeAsync() => _sandbox.ResetAsync();

    [Fact]
    public async Task Profiles_come_from_a_run_started_then_polled_until_it_ends_then_its_dataset()
    {
        await using var clients = await ProviderClients.StartAsync(_sandbox);

        var profiles = await clients.Get<ApifyClient>().GetProfilesAsync(["nasa", "missing_someone"]);

        Assert.Equal(["nasa", "missing_someone"], profiles.Select(profile => profile.Username));
        Assert.NotNull(profiles[0].FollowersCount);
        Assert.NotEmpty(profiles[0].LatestPosts!);
        Assert.Equal("not_found", profiles[1].Error);
        Assert.Equal(1, await _sandbox.CallsAsync("apify", "runs"));
        Assert.InRange(await _sandbox.CallsAsync("apify", "run"), 1, 3);
        Assert.Equal(1, await _sandbox.CallsAsync("apify", "dataset"));
    }

    [Fact]
    public async Task Posts_and_reels_come_from_their_actors()
    {
        await using var clients = await ProviderClients.StartAsync(_sandbox);
        var apify = clients.Get<ApifyClient>();

        var posts = await apify.GetPostsAsync("natgeo", 5, newerThan: new DateOnly(2020, 1, 1));
        var reels = await apify.GetReelsAsync("natgeo", 3);

        Assert.InRange(posts.Count, 1, 5);
        Assert.All(posts, post => Assert.Equal("natgeo", post.OwnerUsername));
        Assert.InRange(reels.Count, 1, 3);
        Assert.All(reels, reel => Assert.Equal("Video", reel.Type));
    }

    [Fact]
    public async Task A_run_not_yet_found_right_after_its_start_is_polled_again()
    {
        await using var clients = await ProviderClients.StartAsync(_sandbox);
        // As when Apify's database replicas have not seen the new run yet.
        await _sandbox.AddFaultAsync(SandboxFault.WithStatus("apify", "run", 404));

        var profiles = await clients.Get<ApifyClient>().GetProfilesAsync(["nasa"]);

        Assert.Single(profiles);
        Assert.InRange(await _sandbox.CallsAsync("apify", "run"), 2, 4);
    }

    [Fact]
    public async Task A_dataset_larger_than_a_page_is_read_page_by_page_to_its_total()
    {
        await using var clients = await ProviderClients.StartAsync(_sandbox, ("Providers:Apify:DatasetPageSize", "40"));

        var followers = await clients.Get<ApifyClient>().GetFollowersAsync("nike", 100);

        Assert.InRange(followers.Count, 41, 100);
        Assert.Equal(followers.Count, followers.Select(follower => follower.Id).Distinct().Count());
        Assert.All(followers, follower => Assert.False(string.IsNullOrEmpty(follower.Username)));
        Assert.Equal((followers.Count + 39) / 40, await _sandbox.CallsAsync("apify", "dataset"));
    }

    [Fact]
    public async Task A_429_is_retried_once_its_Retry_After_has_passed()
    {
        await using var clients = await ProviderClients.StartAsync(_sandbox);
        await _sandbox.AddFaultAsync(SandboxFault.WithStatus("apify", "runs", 429, retryAfterSeconds: 2));

        var started = Stopwatch.StartNew();
        var profiles = await clients.Get<ApifyClient>().GetProfilesAsync(["nasa"]);

        Assert.Single(profiles);
        Assert.Equal(2, await _sandbox.CallsAsync("apify", "runs"));
        // The backoff alone would have retried after 50 ms.
        Assert.True(started.Elapsed >= TimeSpan.FromSeconds(1.9), $"Retried after {started.Elapsed}, not the 2 s Retry-After asked.");
    }

    [Fact]
    public async Task A_client_error_is_not_retried_and_is_not_transient()
    {
        await using var clients = await ProviderClients.StartAsync(_sandbox);
        await _sandbox.AddFaultAsync(SandboxFault.WithStatus("apify", "runs", 402, errorCode: "actor-memory-limit-exceeded"));

        var failure = await Assert.ThrowsAsync<ProviderException>(() => clients.Get<ApifyClient>().GetProfilesAsync(["nasa"]));

        Assert.False(failure.Transient);
        Assert.Equal("actor-memory-limit-exceeded", failure.ErrorCode);
        Assert.StartsWith("Apify refused runs (402 actor-memory-limit-exceeded)", failure.Message);
        Assert.Equal(1, await _sandbox.CallsAsync("apify", "runs"));
    }

    [Fact]
    public async Task An_attempt_that_outlives_its_timeout_is_abandoned_and_tried_again()
    {
        await using var clients = await ProviderClients.StartAsync(_sandbox, ("Providers:Apify:RequestTimeout", "00:00:01"));
        await _sandbox.AddFaultAsync(new SandboxFault("apify", "dataset", "timeout"));

        var started = Stopwatch.StartNew();
        var profiles = await clients.Get<ApifyClient>().GetProfilesAsync(["nasa"]);

        Assert.Single(profiles);
        Assert.Equal(2, await _sandbox.CallsAsync("apify", "dataset"));
        Assert.InRange(started.Elapsed, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_call_whose_attempts_all_time_out_fails_as_transient_naming_its_timeout()
    {
        await using var clients = await ProviderClients.StartAsync(_sandbox,
            ("Providers:Apify:RequestTimeout", "00:00:01"), ("Providers:Apify:Resilience:MaxRetries", "1"));
        await _sandbox.AddFaultAsync(new SandboxFault("apify", "dataset", "timeout", Count: 2));

        var failure = await Assert.ThrowsAsync<ProviderException>(() => clients.Get<ApifyClient>().GetProfilesAsync(["nasa"]));

        Assert.True(failure.Transient);
        Assert.Equal("Apify did not answer dataset within 1 s.", failure.Message);
        Assert.Equal(2, await _sandbox.CallsAsync("apify", "dataset"));
    }

    [Theory]
    [InlineData("status")]
    [InlineData("timeout")]
    public async Task A_start_that_may_have_started_a_run_is_not_sent_again(string kind)
    {
        // A server error or a lost answer may come after Apify started the run: another start would pay for a second.
        await using var clients = await ProviderClients.StartAsync(_sandbox, ("Providers:Apify:RequestTimeout", "00:00:01"));
        await _sandbox.AddFaultAsync(new SandboxFault("apify", "runs", kind, Status: 500));

        var failure = await Assert.ThrowsAsync<ProviderException>(() => clients.Get<ApifyClient>().GetProfilesAsync(["nasa"]));

        Assert.True(failure.Transient);
        Assert.Equal(1, await _sandbox.CallsAsync("apify", "runs"));
    }

    [Fact]
    public async Task A_malformed_dataset_page_fails_with_a_clear_error()
    {
        await using var clients = await ProviderClients.StartAsync(_sandbox);
        await _sandbox.AddFaultAsync(new SandboxFault("apify", "dataset", "malformed"));

        var failure = await Assert.ThrowsAsync<ProviderException>(() => clients.Get<ApifyClient>().GetProfilesAsync(["nasa"]));

        Assert.StartsWith("Apify returned a malformed dataset page: ", failure.Message);
        Assert.True(failure.Transient);
        Assert.Equal(1, await _sandbox.CallsAsync("apify", "dataset"));
    }

    [Theory]
    [InlineData("FAILED")]
    [InlineData("TIMED-OUT")]
    public async Task A_run_that_does_not_succeed_fails_the_call_as_transient(string outcome)
    {
        await using var clients = await ProviderClients.StartAsync(_sandbox);
        await _sandbox.AddFaultAsync(SandboxFault.RunOutcome(outcome));

        var failure = await Assert.ThrowsAsync<ProviderException>(() => clients.Get<ApifyClient>().GetProfilesAsync(["nasa"]));

        Assert.True(failure.Transient);
        Assert.Matches($"^Apify run \\w+ of apify~instagram-profile-scraper ended {(outcome == "FAILED" ? "Failed" : "TimedOut")}\\.$", failure.Message);
        Assert.Equal(0, await _sandbox.CallsAsync("apify", "dataset"));
    }

    [Fact]
    public async Task Cancelling_a_call_aborts_its_run()
    {
        await using var clients = await ProviderClients.StartAsync(_sandbox);
        // The poll is held 10 s: the call is still waiting for its run when it is cancelled, once the poll has arrived.
        await _sandbox.AddFaultAsync(new SandboxFault("apify", "run", "latency", DelayMs: 10_000));
        using var cancellation = new CancellationTokenSource();
        var call = clients.Get<ApifyClient>().GetProfilesAsync(["nasa"], cancellation.Token);
        await Eventually.ReturnsAsync(() => _sandbox.CallsAsync("apify", "run"), polls => polls >= 1, TimeSpan.FromSeconds(20), "the run to be polled");
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);

        Assert.Equal(1, await _sandbox.CallsAsync("apify", "abort"));
        Assert.Equal(0, await _sandbox.CallsAsync("apify", "dataset"));
    }

    [Fact]
    public async Task A_run_that_can_no_longer_be_followed_is_aborted()
    {
        await using var clients = await ProviderClients.StartAsync(_sandbox, ("Providers:Apify:Resilience:MaxRetries", "0"));
        await _sandbox.AddFaultAsync(SandboxFault.WithStatus("apify", "run", 500));

        var failure = await Assert.ThrowsAsync<ProviderException>(() => clients.Get<ApifyClient>().GetProfilesAsync(["nasa"]));

        Assert.StartsWith("Apify failed run (500", failure.Message);
        Assert.Equal(1, await _sandbox.CallsAsync("apify", "abort"));
    }

    [Fact]
    public async Task A_run_that_outlives_the_maximum_run_time_is_aborted()
    {
        await using var clients = await ProviderClients.StartAsync(_sandbox, ("Providers:Apify:MaxRunTime", "00:00:10"));
        // Realistic runs take 60-120 s.
        await _sandbox.SetLatencyAsync("realistic");
        try
        {
            var failure = await Assert.ThrowsAsync<ProviderException>(() => clients.Get<ApifyClient>().GetProfilesAsync(["nasa"]));

            Assert.True(failure.Transient);
            Assert.EndsWith("did not end within 10 s; it was aborted.", failure.Message);
            Assert.Equal(1, await _sandbox.CallsAsync("apify", "abort"));
        }
        finally
        {
            await _sandbox.SetLatencyAsync("fast");
        }
    }
}
