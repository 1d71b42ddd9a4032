using System.Diagnostics;
using System.Diagnostics.Metrics;
using JobPlatform.Providers.Http;
using JobPlatform.Providers.Resilience;

namespace JobPlatform.Providers.Telemetry;

/// <summary>
/// The providers' meter and activity source, both named <see cref="Name"/>. Metrics: the duration of every call (whose
/// count is the call count) by provider, operation and outcome, and each provider's circuit state. Spans: one per
/// logical operation (an Apify run, a walk through Graph pages, a re-hosting), above the HttpClient's own spans.
/// </summary>
public sealed class ProviderTelemetry
{
    public const string Name = "JobPlatform.Providers";

    public const string CallDurationMetric = "jobplatform.provider.call.duration";

    /// <summary>Polly's <c>CircuitState</c>: 0 closed, 1 open, 2 half-open, 3 isolated.</summary>
    public const string CircuitStateMetric = "jobplatform.provider.circuit.state";

    private static readonly ActivitySource Source = new(Name);

    private readonly Histogram<double> _callDuration;

    internal ProviderTelemetry(IMeterFactory meterFactory, ProviderCircuits circuits)
    {
        var meter = meterFactory.Create(Name);
        _callDuration = meter.CreateHistogram<double>(CallDurationMetric, unit: "s",
            description: "Duration of provider calls, retries and waits included, by provider, operation and outcome.");
        meter.CreateObservableGauge(CircuitStateMetric, circuits.Measure,
            description: "State of each provider's circuit breaker: 0 closed, 1 open, 2 half-open, 3 isolated.");
    }

    internal void RecordCall(ProviderIdentity provider, string operation, string outcome, TimeSpan duration) =>
        _callDuration.Record(duration.TotalSeconds,
            new KeyValuePair<string, object?>("provider", provider.Tag),
            new KeyValuePair<string, object?>("operation", operation),
            new KeyValuePair<string, object?>("outcome", outcome));

    /// <summary>A span for one logical operation; null when nobody listens.</summary>
    internal static Activity? StartOperation(ProviderIdentity provider, string name) =>
        Source.StartActivity(name)?.SetTag("provider", provider.Tag);
}
