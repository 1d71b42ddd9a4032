using System.Diagnostics.Metrics;
using JobPlatform.Providers;
using JobPlatform.Providers.Apify;
using JobPlatform.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace JobPlatform.Tests.Providers;

/// <summary>
/// A provider's circuit breaker, shown on Apify against the sandbox: it counts failed attempts (not rate limits), fails
/// calls fast without reaching the provider while open, probes after its break, and belongs to the process, not to an
/// HttpClient handler. Its state shows in the provider's health check and gauge.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class ProviderCircuitTests(AppHostFixture fixture) : IAsyncLifetime
{
    private readonly ProviderSandbox _sandbox = new(fixture.App);

    public Task InitializeAsync() => _sandbox.ResetAsync();

    public Task DisposeAsync() => _sandbox.ResetAsync();

    [Fact]
    public async Task Five_failed_attempts_open_the_circuit_and_calls_then_fail_fast_without_reaching_the_provider()
    {
        await using var clients = await ProviderClients.StartAsync(_sandbox);
        using var metrics = new ProviderMetrics(clients.Get<IMeterFactory>());
        var apify = clients.Get<ApifyClient>();
        // 503: the provider did nothing, so even the start of a run (not sent twice otherwise) is retried.
        await _sandbox.AddFaultAsync(SandboxFault.WithStatus("apify", "runs", 503, count: 100));

        var failed = await Assert.ThrowsAsync<ProviderException>(() => apify.GetProfilesAsync(["nasa"]));
        // One attempt and three retries: the standard handler of the service defaults is replaced, not stacked.
        Assert.Equal(4, await _sandbox.CallsAsync("apify", "runs"));
        Assert.True(failed.Transient);
        Assert.StartsWith("Apify failed runs (503 internal-server-error)", failed.Message);
        Assert.Equal(HealthStatus.Healthy, (await clients.HealthAsync("provider-apify")).Status);

        await Assert.ThrowsAsync<ProviderUnavailableException>(() => apify.GetProfilesAsync(["nasa"]));
        var unavailable = await Assert.ThrowsAsync<ProviderUnavailableException>(() => apify.GetProfilesAsync(["nasa"]));

        Assert.Equal(5, await _sandbox.CallsAsync("apify", "runs"));
        Assert.Equal("Apify is unavailable (circuit open after repeated failures); the job will be retried.", unavailable.Message);
        Assert.True(unavailable.Transient);
        Assert.NotNull(unavailable.RetryAfter);
        var health = await clients.HealthAsync("provider-apify");
        Assert.Equal(HealthStatus.Degraded, health.Status);
        Assert.Equal("Apify: circuit open after repeated failures; its calls fail fast.", health.Description);
        Assert.Equal(HealthStatus.Healthy, (await clients.HealthAsync("provider-openai")).Status);
        Assert.Equal(1, metrics.CircuitState("apify"));
        Assert.Equal(0, metrics.CircuitState("openai"));
        Assert.Equal<(object?, object?, object?)>(
            [("apify", "runs", "server_error"), ("apify", "runs", "circuit_open"), ("apify", "runs", "circuit_open")], metrics.Calls());
    }

    [Fact]
    public async Task After_its_break_the_circuit_lets_one_call_probe_and_closes_when_it_succeeds()
    {
        await using var clients = await ProviderClients.StartAsync(_sandbox, ("Providers:Apify:Resilience:FailureThreshold", "2"),
            ("Providers:Apify:Resilience:MaxRetries", "0"), ("Providers:Apify:Resilience:BreakDuration", "00:00:02"));
        var apify = clients.Get<ApifyClient>();
        await _sandbox.AddFaultAsync(SandboxFault.WithStatus("apify", "runs", 503, count: 3));
        await Assert.ThrowsAsync<ProviderException>(() => apify.GetProfilesAsync(["nasa"]));
        await Assert.ThrowsAsync<ProviderException>(() => apify.GetProfilesAsync(["nasa"]));
        await Assert.ThrowsAsync<ProviderUnavailableException>(() => apify.GetProfilesAsync(["nasa"]));

        // The probe fails: open again, for another break.
        await Task.Delay(TimeSpan.FromSeconds(2.2));
        await Assert.ThrowsAsync<ProviderException>(() => apify.GetProfilesAsync(["nasa"]));
        await Assert.ThrowsAsync<ProviderUnavailableException>(() => apify.GetProfilesAsync(["nasa"]));
        Assert.Equal(3, await _sandbox.CallsAsync("apify", "runs"));

        // The probe succeeds: closed.
        await Task.Delay(TimeSpan.FromSeconds(2.2));
        Assert.Single(await apify.GetProfilesAsync(["nasa"]));
        Assert.Single(await apify.GetProfilesAsync(["natgeo"]));
        Assert.Equal(5, await _sandbox.CallsAsync("apify", "runs"));
        Assert.Equal(HealthStatus.Healthy, (await clients.HealthAsync("provider-apify")).Status);
    }

    [Fact]
    public async Task Rate_limits_do_not_open_the_circuit()
    {
        await using var clients = await ProviderClients.StartAsync(_sandbox);
        var apify = clients.Get<ApifyClient>();
        await _sandbox.AddFaultAsync(SandboxFault.WithStatus("apify", "runs", 429, count: 8, retryAfterSeconds: 0));

        await Assert.ThrowsAsync<ProviderException>(() => apify.GetProfilesAsync(["nasa"]));
        var throttled = await Assert.ThrowsAsync<ProviderException>(() => apify.GetProfilesAsync(["nasa"]));

        Assert.True(throttled.Transient);
        Assert.Equal(TimeSpan.Zero, throttled.RetryAfter);
        Assert.StartsWith("Apify is rate limiting runs (429 rate-limit-exceeded); it asks to wait 0 s: You have exceeded the rate limit", throttled.Message);
        Assert.Equal(HealthStatus.Healthy, (await clients.HealthAsync("provider-apify")).Status);
        Assert.Single(await apify.GetProfilesAsync(["nasa"]));
        Assert.Equal(9, await _sandbox.CallsAsync("apify", "runs"));
    }

    [Fact]
    public async Task The_circuit_outlives_the_HttpClient_handlers_that_rotate_under_it()
    {
        await using var clients = await ProviderClients.StartAsync(_sandbox,
            services => services.AddHttpClient("Apify").SetHandlerLifetime(TimeSpan.FromSeconds(1)),
            ("Providers:Apify:Resilience:FailureThreshold", "2"), ("Providers:Apify:Resilience:MaxRetries", "0"));
        await _sandbox.AddFaultAsync(SandboxFault.WithStatus("apify", "runs", 500, count: 2));
        await Assert.ThrowsAsync<ProviderException>(() => clients.Get<ApifyClient>().GetProfilesAsync(["nasa"]));
        await Assert.ThrowsAsync<ProviderException>(() => clients.Get<ApifyClient>().GetProfilesAsync(["nasa"]));

        // The handlers of those calls have expired: this client is built on new ones.
        await Task.Delay(TimeSpan.FromSeconds(2));
        await Assert.ThrowsAsync<ProviderUnavailableException>(() => clients.Get<ApifyClient>().GetProfilesAsync(["nasa"]));

        Assert.Equal(2, await _sandbox.CallsAsync("apify", "runs"));
    }
}
