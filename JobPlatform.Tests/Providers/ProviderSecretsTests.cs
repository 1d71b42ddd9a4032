using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using JobPlatform.Providers.Apify;
using JobPlatform.Providers.FacebookGraph;
using JobPlatform.Providers.Media;
using JobPlatform.Providers.OpenAI;
using JobPlatform.Tests.Infrastructure;

namespace JobPlatform.Tests.Providers;

/// <summary>
/// The credentials reach the providers and nothing else: not the logs (every category at Trace, where the HttpClient
/// logs request headers), not the spans (the HttpClient's, Polly's, ours), not the errors, whether the calls succeed,
/// are retried, time out or are refused; with the right credentials and with wrong ones the providers echo back.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class ProviderSecretsTests(AppHostFixture fixture) : IAsyncLifetime
{
    private static readonly JsonElement Schema = JsonDocument.Parse("""
        { "type": "object", "properties": { "summary": { "type": "string" } }, "required": ["summary"], "additionalProperties": false }
        """).RootElement;

    private readonly ProviderSandbox _sandbox = new(fixture.App);

    public Task InitializeAsync() => _sandbox.ResetAsync();

    public Task DisposeAsync() => _sandbox.ResetAsync();

    [Fact]
    public async Task No_credential_shows_in_logs_spans_or_errors_through_calls_retries_timeouts_and_refusals()
    {
        using var spans = new SpanCapture();
        var written = new List<string>();

        Uri picture;
        await using (var clients = await ProviderClients.StartAsync(_sandbox, ("Providers:Apify:RequestTimeout", "00:00:01")))
        {
            picture = new Uri((await clients.Get<ApifyClient>().GetProfilesAsync(["nasa"]))[0].ProfilePicUrl!);
            await _sandbox.AddFaultAsync(SandboxFault.WithStatus("apify", "runs", 429, retryAfterSeconds: 0));
            await _sandbox.AddFaultAsync(SandboxFault.WithStatus("apify", "run", 503));
            await _sandbox.AddFaultAsync(new SandboxFault("apify", "dataset", "timeout"));
            await _sandbox.AddFaultAsync(SandboxFault.WithStatus("s3", "put", 500));
            await _sandbox.AddFaultAsync(SandboxFault.WithStatus("openai", "chat", 401));
            await _sandbox.AddFaultAsync(SandboxFault.WithStatus("graph", "adaccounts", 401));
            written.AddRange(await CallEveryProviderAsync(clients, picture));
            written.AddRange(clients.Logs.Entries);
        }

        var wrong = new[] { "apify-WRONG-token-0123456789", "facebook-WRONG-token-0123456789", "sk-WRONG-openai-key-0123456789", "WRONGACCESSKEY0123", "WRONG-secret-key-0123456789" };
        await using (var clients = await ProviderClients.StartAsync(_sandbox, ("Providers:Apify:Token", wrong[0]), ("Providers:FacebookGraph:AccessToken", wrong[1]),
            ("Providers:OpenAI:ApiKey", wrong[2]), ("Providers:Media:AccessKey", wrong[3]), ("Providers:Media:SecretKey", wrong[4])))
        {
            written.AddRange(await CallEveryProviderAsync(clients, picture));
            written.AddRange(clients.Logs.Entries);
        }

        written.AddRange(spans.Describe());
        string[] secrets = [.. _sandbox.Secrets(), .. wrong];
        // A failure shows where a secret appeared, not the secret.
        Assert.Empty(written.Where(text => secrets.Any(secret => text.Contains(secret, StringComparison.Ordinal)))
            .Select(text => secrets.Aggregate(text, (hidden, secret) => hidden.Replace(secret, "<SECRET>", StringComparison.Ordinal))));

        // What was written: the request headers (their values hidden), the URLs (their queries hidden), the retries.
        Assert.Contains(written, text => text.Contains("Request Headers:\nAuthorization: *", StringComparison.Ordinal));
        Assert.Contains(written, text => text.Contains("/apify/v2/actor-runs/", StringComparison.Ordinal) && text.Contains("?*", StringComparison.Ordinal));
        Assert.Contains(written, text => text.Contains("EventName: 'OnRetry'", StringComparison.Ordinal));
    }

    /// <summary>A call to every provider; what each failure says, in full (its inner exceptions too).</summary>
    private static async Task<List<string>> CallEveryProviderAsync(ProviderClients clients, Uri picture)
    {
        var errors = new List<string>();
        async Task CallAsync(Func<Task> call)
        {
            if (await Record.ExceptionAsync(call) is { } failure)
            {
                errors.Add(failure.ToString());
            }
        }

        await CallAsync(() => clients.Get<ApifyClient>().GetProfilesAsync(["nasa"]));
        await CallAsync(() => clients.Get<MediaRehoster>().RehostAsync(picture, $"test-{Guid.NewGuid():N}"));
        await CallAsync(() => clients.Get<FacebookGraphClient>().GetAdAccountsAsync());
        await CallAsync(() => clients.Get<OpenAIClient>().CompleteJsonAsync<JsonElement>("Summarize.", "A text.", "summary", Schema));
        return errors;
    }

    /// <summary>Every span that ends in the process while it listens, from every source, recorded with all its data.</summary>
    private sealed class SpanCapture : IDisposable
    {
        private readonly ConcurrentQueue<Activity> _ended = new();
        private readonly ActivityListener _listener;

        public SpanCapture()
        {
            _listener = new ActivityListener
            {
                ShouldListenTo = _ => true,
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = _ended.Enqueue,
            };
            ActivitySource.AddActivityListener(_listener);
        }

        public IEnumerable<string> Describe() => _ended.Select(span =>
            $"{span.Source.Name} {span.OperationName} {span.DisplayName} {span.StatusDescription} "
            + string.Join(' ', span.TagObjects.Select(tag => $"{tag.Key}={tag.Value}"))
            + string.Join(' ', span.Events.Select(@event => $"{@event.Name} {string.Join(' ', @event.Tags.Select(tag => $"{tag.Key}={tag.Value}"))}")));

        public void Dispose() => _listener.Dispose();
    }
}
