using System.Diagnostics.Metrics;
using JobPlatform.ContentAnalysis.Llm;
using Polly.CircuitBreaker;

namespace JobPlatform.ContentAnalysis.Telemetry;

/// <summary>
/// The meter <see cref="Name"/>: posts analysed per engine, the duration of each batch by the engine that answered it,
/// the batches that fell back from the LLM to the local engine and why, and the AI breaker's state.
/// </summary>
public sealed class ContentAnalysisTelemetry
{
    public const string Name = "JobPlatform.ContentAnalysis";

    public const string PostsMetric = "jobplatform.content_analysis.posts";

    public const string BatchDurationMetric = "jobplatform.content_analysis.batch.duration";

    public const string FallbacksMetric = "jobplatform.content_analysis.fallbacks";

    /// <summary>Polly's <c>CircuitState</c>: 0 closed, 1 open, 2 half-open, 3 isolated.</summary>
    public const string BreakerStateMetric = "jobplatform.content_analysis.breaker.state";

    private readonly Counter<long> _posts;
    private readonly Histogram<double> _batchDuration;
    private readonly Counter<long> _fallbacks;

    internal ContentAnalysisTelemetry(IMeterFactory meterFactory, AiBreaker breaker)
    {
        var meter = meterFactory.Create(Name);
        _posts = meter.CreateCounter<long>(PostsMetric, unit: "{post}", description: "Posts analysed, by the engine that analysed them.");
        _batchDuration = meter.CreateHistogram<double>(BatchDurationMetric, unit: "s",
            description: "Duration of a batch of posts, a failed LLM attempt before a fallback included, by the engine that answered.");
        _fallbacks = meter.CreateCounter<long>(FallbacksMetric, unit: "{batch}",
            description: "Batches the local engine analysed instead of the LLM, by reason: breaker_open, failure or invalid_answer.");
        meter.CreateObservableGauge(BreakerStateMetric, () => (int)breaker.State,
            description: "State of the AI breaker: 0 closed, 1 open, 2 half-open, 3 isolated.");
    }

    internal void RecordBatch(string engine, int posts, TimeSpan duration)
    {
        var tag = new KeyValuePair<string, object?>("engine", engine);
        _posts.Add(posts, tag);
        _batchDuration.Record(duration.TotalSeconds, tag);
    }

    internal void RecordFallback(Exception reason) =>
        _fallbacks.Add(1, new KeyValuePair<string, object?>("reason", reason switch
        {
            BrokenCircuitException => "breaker_open",
            InvalidLlmAnswerException => "invalid_answer",
            _ => "failure",
        }));
}
