using System.Net.Http.Json;
using System.Text.Json;
using JobPlatform.Hosting;

namespace JobPlatform.Tests.Providers;

/// <summary>
/// The providers' sandbox the topology runs (the AppHost's <c>providers</c>), over HTTP: where each imitated provider
/// is, the credentials it accepts (the AppHost's parameters, as the workers get them), and its control API.
/// </summary>
public sealed class ProviderSandbox(DistributedApplication app)
{
    private static readonly JsonSerializerOptions ControlJson = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public string Url { get; } = app.HttpUrls("providers")[0];

    /// <summary>The configuration a service gets: base URLs on the sandbox, and the credentials.</summary>
    public Dictionary<string, string?> Configuration() => new()
    {
        ["Providers:Apify:BaseUrl"] = $"{Url}/apify/",
        ["Providers:Apify:Token"] = app.GetParameterValue("apify-token"),
        ["Providers:FacebookGraph:BaseUrl"] = $"{Url}/graph/",
        ["Providers:FacebookGraph:AccessToken"] = app.GetParameterValue("facebook-access-token"),
        ["Providers:OpenAI:BaseUrl"] = $"{Url}/openai/v1/",
        ["Providers:OpenAI:ApiKey"] = app.GetParameterValue("openai-api-key"),
        ["Providers:Media:BaseUrl"] = $"{Url}/s3/",
        ["Providers:Media:AccessKey"] = app.GetParameterValue("media-store-access-key"),
        ["Providers:Media:SecretKey"] = app.GetParameterValue("media-store-secret-key"),
    };

    public IReadOnlyList<string> Secrets() =>
        [.. new[] { "apify-token", "facebook-access-token", "openai-api-key", "media-store-access-key", "media-store-secret-key" }.Select(app.GetParameterValue)];

    public async Task AddFaultAsync(SandboxFault fault)
    {
        using var control = Control();
        (await control.PostAsJsonAsync("faults", fault, ControlJson)).EnsureSuccessStatusCode();
    }

    /// <summary>No pending fault, every count at 0.</summary>
    public async Task ResetAsync()
    {
        using var control = Control();
        (await control.DeleteAsync("faults")).EnsureSuccessStatusCode();
        (await control.DeleteAsync("calls")).EnsureSuccessStatusCode();
    }

    /// <summary>How many requests the sandbox got for <paramref name="provider"/>'s <paramref name="operation"/> since the last reset.</summary>
    public async Task<long> CallsAsync(string provider, string operation)
    {
        using var control = Control();
        var calls = await control.GetFromJsonAsync<Dictionary<string, Dictionary<string, long>>>("calls", ControlJson);
        return calls![provider][operation];
    }

    public async Task SetLatencyAsync(string profile)
    {
        using var control = Control();
        (await control.PutAsJsonAsync("latency", new { profile }, ControlJson)).EnsureSuccessStatusCode();
    }

    private HttpClient Control() => new() { BaseAddress = new Uri($"{Url}/_sandbox/") };
}
