using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using JobPlatform.Providers;
using JobPlatform.Providers.OpenAI;
using JobPlatform.Tests.Infrastructure;

namespace JobPlatform.Tests.Providers;

/// <summary>
/// The OpenAI client against the sandbox: a transcription and a structured answer; a rate limit is waited out, an
/// exhausted quota is not retried, and four failures open its circuit.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class OpenAIClientTests(AppHostFixture fixture) : IAsyncLifetime
{
    private static readonly JsonElement AnalysisSchema = JsonDocument.Parse("""
        {
          "type": "object",
          "properties": {
            "hook": { "type": "string" },
            "sentiment": { "type": "string", "enum": ["positive", "neutral", "negative"] },
            "key_claims": { "type": "array", "items": { "type": "string" } }
          },
          "required": ["hook", "sentiment", "key_claims"],
          "additionalProperties": false
        }
        """).RootElement;

    private readonly ProviderSandbox _sandbox = new(fixture.App);

    public Task InitializeAsync() => _sandbox.ResetAsync();

    public Task DisposeAsync() => _sandbox.ResetAsync();

    [Fact]
    public async Task Audio_is_transcribed()
    {
        await using var clients = await ProviderClients.StartAsync(_sandbox);
        using var audio = new MemoryStream(Enumerable.Range(0, 50_000).Select(i => (byte)(i * 7)).ToArray());

        var text = await clients.Get<OpenAIClient>().TranscribeAsync(audio, "ad.mp3", "en");

        Assert.False(string.IsNullOrWhiteSpace(text));
        Assert.True(audio.CanRead, "The caller's stream is left open.");
    }

    [Fact]
    public async Task A_structured_answer_follows_its_schema()
    {
        await using var clients = await ProviderClients.StartAsync(_sandbox);

        var analysis = await Complete(clients);

        Assert.Contains(analysis.Sentiment, new[] { "positive", "neutral", "negative" });
        Assert.NotNull(analysis.KeyClaims);
    }

    [Fact]
    public async Task A_rate_limit_is_waited_out_as_retry_after_ms_asks()
    {
        await using var clients = await ProviderClients.StartAsync(_sandbox);
        await _sandbox.AddFaultAsync(SandboxFault.WithStatus("openai", "chat", 429, retryAfterSeconds: 2));

        var started = Stopwatch.StartNew();
        await Complete(clients);

        Assert.Equal(2, await _sandbox.CallsAsync("openai", "chat"));
        Assert.True(started.Elapsed >= TimeSpan.FromSeconds(1.9), $"Retried after {started.Elapsed}, not the 2 s retry-after-ms asked.");
    }

    [Fact]
    public async Task An_exhausted_quota_is_not_retried_and_is_not_transient()
    {
        await using var clients = await ProviderClients.StartAsync(_sandbox);
        await _sandbox.AddFaultAsync(SandboxFault.WithStatus("openai", "chat", 429, errorCode: "insufficient_quota"));

        var failure = await Assert.ThrowsAsync<ProviderException>(() => Complete(clients));

        Assert.False(failure.Transient);
        Assert.Equal("insufficient_quota", failure.ErrorCode);
        Assert.StartsWith("OpenAI refused chat (429 insufficient_quota): You exceeded your current quota", failure.Message);
        Assert.Equal(1, await _sandbox.CallsAsync("openai", "chat"));
    }

    [Fact]
    public async Task Four_failed_attempts_open_its_circuit()
    {
        await using var clients = await ProviderClients.StartAsync(_sandbox);
        await _sandbox.AddFaultAsync(SandboxFault.WithStatus("openai", "chat", 500, count: 100));

        // One attempt and three retries: the fourth failure opens the circuit.
        await Assert.ThrowsAsync<ProviderException>(() => Complete(clients));
        var failure = await Assert.ThrowsAsync<ProviderUnavailableException>(() => Complete(clients));

        Assert.Equal("OpenAI is unavailable (circuit open after repeated failures); the job will be retried.", failure.Message);
        Assert.Equal(4, await _sandbox.CallsAsync("openai", "chat"));
    }

    private static Task<AdAnalysis> Complete(ProviderClients clients) =>
        clients.Get<OpenAIClient>().CompleteJsonAsync<AdAnalysis>(
            "You analyze ad video transcripts.", "Transcript: Up to fifty percent off this week only. Shop now.", "ad_analysis", AnalysisSchema);

    private sealed record AdAnalysis(string Hook, string Sentiment, [property: JsonPropertyName("key_claims")] IReadOnlyList<string> KeyClaims);
}
