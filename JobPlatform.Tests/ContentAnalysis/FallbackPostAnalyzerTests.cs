using System.Diagnostics.Metrics;
using JobPlatform.ContentAnalysis;
using JobPlatform.ContentAnalysis.Llm;
using JobPlatform.ContentAnalysis.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Polly.CircuitBreaker;

namespace JobPlatform.Tests.ContentAnalysis;

/// <summary>
/// The AI breaker and the fallback (docs/requirements.md R-003-9, R-003-12): the local engine answers whenever the LLM
/// fails or the breaker is open; 4 failed batches within 120 s open it; after 120 s one batch probes the LLM again.
/// </summary>
[Collection(ContentAnalysisCollection.Name)]
public sealed class FallbackPostAnalyzerTests(ContentAnalysisFixture fixture) : IDisposable
{
    private static readonly PostText[] Batch = [.. Enumerable.Range(1, 5).Select(n => new PostText($"p{n}", "What a delicious dinner tonight!", ["food"]))];

    private readonly FakeTimeProvider _time = new();
    private readonly ServiceProvider _meters = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly List<ContentAnalysisMetrics> _listeners = [];
    private bool _llmFails;

    public void Dispose()
    {
        _listeners.ForEach(listener => listener.Dispose());
        _meters.Dispose();
    }

    [Fact]
    public async Task The_llm_answers_when_it_can_and_the_local_engine_when_it_fails()
    {
        var (analyzer, _, chat, metrics) = Create();

        var byLlm = await analyzer.AnalyzeAsync(Batch, CancellationToken.None);
        _llmFails = true;
        var byLocal = await analyzer.AnalyzeAsync(Batch, CancellationToken.None);

        Assert.All(byLlm, analysis => Assert.Equal("llm", analysis.Engine));
        Assert.All(byLocal, analysis => Assert.Equal("local", analysis.Engine));
        Assert.Equal(Batch.Select(post => post.PostId), byLocal.Select(analysis => analysis.PostId));
        Assert.Equal(("en", "food"), (byLocal[0].Language.Code, byLocal[0].Category.Label));
        Assert.Equal(2, chat.Requests.Count);
        Assert.Equal(5, metrics.Sum(ContentAnalysisTelemetry.PostsMetric, "engine", "llm"));
        Assert.Equal(5, metrics.Sum(ContentAnalysisTelemetry.PostsMetric, "engine", "local"));
        Assert.Equal(1, metrics.Sum(ContentAnalysisTelemetry.FallbacksMetric, "reason", "invalid_answer"));
        Assert.Equal(2, metrics.Count(ContentAnalysisTelemetry.BatchDurationMetric));
    }

    [Fact]
    public async Task Four_failed_batches_open_the_breaker_and_after_its_cooldown_a_good_probe_closes_it()
    {
        var (analyzer, breaker, chat, metrics) = Create();
        _llmFails = true;

        for (var batch = 1; batch <= 3; batch++)
        {
            await analyzer.AnalyzeAsync(Batch, CancellationToken.None);
            _time.Advance(TimeSpan.FromSeconds(10));
        }

        Assert.Equal(CircuitState.Closed, breaker.State);
        await analyzer.AnalyzeAsync(Batch, CancellationToken.None);
        Assert.Equal(CircuitState.Open, breaker.State);
        Assert.Equal((int)CircuitState.Open, metrics.Gauge(ContentAnalysisTelemetry.BreakerStateMetric));

        _llmFails = false;
        var whileOpen = await analyzer.AnalyzeAsync(Batch, CancellationToken.None);
        Assert.Equal(4, chat.Requests.Count);
        Assert.All(whileOpen, analysis => Assert.Equal("local", analysis.Engine));
        Assert.Equal(1, metrics.Sum(ContentAnalysisTelemetry.FallbacksMetric, "reason", "breaker_open"));

        _time.Advance(TimeSpan.FromSeconds(121));
        var probe = await analyzer.AnalyzeAsync(Batch, CancellationToken.None);
        Assert.Equal(5, chat.Requests.Count);
        Assert.All(probe, analysis => Assert.Equal("llm", analysis.Engine));
        Assert.Equal(CircuitState.Closed, breaker.State);
    }

    [Fact]
    public async Task Failures_spread_over_more_than_120_seconds_do_not_open_the_breaker()
    {
        var (analyzer, breaker, _, _) = Create();
        _llmFails = true;

        for (var batch = 1; batch <= 6; batch++)
        {
            await analyzer.AnalyzeAsync(Batch, CancellationToken.None);
            _time.Advance(TimeSpan.FromSeconds(50));
        }

        Assert.Equal(CircuitState.Closed, breaker.State);
    }

    private (FallbackPostAnalyzer Analyzer, AiBreaker Breaker, ScriptedChatClient Chat, ContentAnalysisMetrics Metrics) Create()
    {
        var chat = new ScriptedChatClient((_, _) => _llmFails ? "not JSON" : LlmAnswers.Valid(5).ToJsonString());
        var breaker = new AiBreaker(Microsoft.Extensions.Options.Options.Create(new ContentAnalysisOptions()), _time);
        var meterFactory = _meters.GetRequiredService<IMeterFactory>();
        var metrics = new ContentAnalysisMetrics(meterFactory);
        _listeners.Add(metrics);
        var telemetry = new ContentAnalysisTelemetry(meterFactory, breaker);
        return (new FallbackPostAnalyzer(fixture.Local, new LlmPostAnalyzer(chat), breaker, telemetry, _time, NullLogger<FallbackPostAnalyzer>.Instance),
            breaker, chat, metrics);
    }
}
