using JobPlatform.ContentAnalysis;
using JobPlatform.Providers;
using JobPlatform.Tests.Infrastructure;
using JobPlatform.Tests.Providers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sandbox = JobPlatform.Tests.Providers.ProviderSandbox;

namespace JobPlatform.Tests.ContentAnalysis;

/// <summary>
/// The <c>llm</c> engine as an AI worker has it (service defaults, providers, content analysis with
/// <c>ContentAnalysis:Engine</c> = <c>llm</c>), against the topology's OpenAI sandbox: one structured request per
/// batch; a failing LLM is replaced by the local engine, and four failures open the AI breaker.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class LlmEngineTests(AppHostFixture fixture) : IAsyncLifetime
{
    private static readonly PostText[] Batch =
    [
        new("a", "Best ramen in Tokyo, so good!", ["food", "travel"]),
        new("b", "Nuevo récord en el gimnasio hoy 💪", ["fitness"]),
        new("c", "Our puppy met the kitten today", ["pets"]),
        new("d", "Terrible service, never again", []),
        new("e", null, []),
    ];

    private readonly Sandbox _sandbox = new(fixture.App);

    public Task InitializeAsync() => _sandbox.ResetAsync();

    public Task DisposeAsync() => _sandbox.ResetAsync();

    [Fact]
    public async Task A_batch_of_five_is_analysed_by_the_llm_in_one_structured_request()
    {
        using var host = await StartAsync(new CapturedLogs());

        var analyses = await host.Services.GetRequiredService<IPostAnalyzer>().AnalyzeAsync(Batch, CancellationToken.None);

        Assert.Equal(1, await _sandbox.CallsAsync("openai", "chat"));
        Assert.Equal(Batch.Select(post => post.PostId), analyses.Select(analysis => analysis.PostId));
        Assert.All(analyses, analysis =>
        {
            Assert.Equal("llm", analysis.Engine);
            Assert.Contains(analysis.Sentiment.Label, new[] { "positive", "neutral", "negative" });
            Assert.InRange(analysis.Sentiment.Score, -1, 1);
            Assert.InRange(analysis.Language.Confidence, 0, 1);
            Assert.InRange(analysis.Category.Confidence, 0, 1);
        });
        Assert.Equal(HealthStatus.Healthy, await HealthAsync(host));
    }

    [Fact]
    public async Task A_failing_llm_is_replaced_by_the_local_engine_and_four_failures_open_the_breaker()
    {
        var logs = new CapturedLogs();
        using var host = await StartAsync(logs);
        var analyzer = host.Services.GetRequiredService<IPostAnalyzer>();
        await _sandbox.AddFaultAsync(SandboxFault.WithStatus("openai", "chat", 500, count: 100));

        for (var batch = 1; batch <= 4; batch++)
        {
            Assert.All(await analyzer.AnalyzeAsync(Batch, CancellationToken.None), analysis => Assert.Equal("local", analysis.Engine));
        }

        Assert.Equal(HealthStatus.Degraded, await HealthAsync(host));
        var whileOpen = await analyzer.AnalyzeAsync(Batch, CancellationToken.None);
        Assert.All(whileOpen, analysis => Assert.Equal("local", analysis.Engine));
        Assert.Equal("en", whileOpen[0].Language.Code);
        Assert.Equal(4, await _sandbox.CallsAsync("openai", "chat"));
        var key = _sandbox.Configuration()["Providers:OpenAI:ApiKey"]!;
        Assert.DoesNotContain(logs.Entries, entry => entry.Contains(key, StringComparison.Ordinal));
    }

    private async Task<IHost> StartAsync(CapturedLogs logs)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Production });
        var configuration = _sandbox.Configuration();
        configuration["Logging:LogLevel:Default"] = "Trace";
        configuration["ContentAnalysis:Engine"] = "llm";
        // Each batch is one attempt, and the provider's own circuit stays out of the way: the AI breaker is under test.
        configuration["Providers:OpenAI:Resilience:MaxRetries"] = "0";
        configuration["Providers:OpenAI:Resilience:FailureThreshold"] = "100";
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.AddServiceDefaults();
        builder.AddProviders();
        builder.AddContentAnalysis();
        builder.Logging.AddProvider(logs);
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static async Task<HealthStatus> HealthAsync(IHost host) =>
        (await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(check => check.Name == "content-analysis-llm")).Entries["content-analysis-llm"].Status;
}
