using System.Collections.Concurrent;
using System.Diagnostics;
using JobPlatform.Providers.Apify;
using JobPlatform.Providers.Telemetry;
using JobPlatform.Tests.Infrastructure;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace JobPlatform.Tests.Providers;

/// <summary>
/// What the service defaults' OpenTelemetry exports of the providers, with a collector configured (its OTLP exporter
/// points at a closed port; what it would send is captured beside it): their metrics, and a span per logical
/// operation with the HttpClient's spans under it.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class ProviderTelemetryTests(AppHostFixture fixture) : IAsyncLifetime
{
    private readonly ProviderSandbox _sandbox = new(fixture.App);

    public Task InitializeAsync() => _sandbox.ResetAsync();

    public Task DisposeAsync() => _sandbox.ResetAsync();

    [Fact]
    public async Task The_providers_metrics_and_spans_reach_the_service_defaults_OpenTelemetry()
    {
        var metrics = new MetricCapture();
        var metricReader = new BaseExportingMetricReader(metrics);
        var spans = new SpanCapture();
        await using var clients = await ProviderClients.StartAsync(_sandbox, services =>
        {
            services.ConfigureOpenTelemetryMeterProvider(meters => meters.AddReader(metricReader));
            services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddProcessor(spans));
        }, ("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:1"));

        await clients.Get<ApifyClient>().GetProfilesAsync(["nasa"]);

        // This reader only: the provider's flush would also wait on the OTLP exporter, which has no collector to reach.
        Assert.True(metricReader.Collect());
        Assert.Contains((ProviderTelemetry.Name, ProviderTelemetry.CallDurationMetric), metrics.Seen);
        Assert.Contains((ProviderTelemetry.Name, ProviderTelemetry.CircuitStateMetric), metrics.Seen);
        var run = Assert.Single(spans.Ended, span => span.Source.Name == ProviderTelemetry.Name && span.OperationName == "apify.run");
        Assert.Equal("apify~instagram-profile-scraper", run.GetTagItem("apify.actor"));
        var requests = spans.Ended.Where(span => span.Source.Name == "System.Net.Http" && span.ParentSpanId == run.SpanId).ToList();
        Assert.True(requests.Count >= 3, $"{requests.Count} HTTP spans under the run: start, poll, dataset expected.");
    }

    private sealed class MetricCapture : BaseExporter<Metric>
    {
        public ConcurrentBag<(string Meter, string Name)> Seen { get; } = [];

        public override ExportResult Export(in Batch<Metric> batch)
        {
            foreach (var metric in batch)
            {
                Seen.Add((metric.MeterName, metric.Name));
            }

            return ExportResult.Success;
        }
    }

    private sealed class SpanCapture : BaseProcessor<Activity>
    {
        public ConcurrentQueue<Activity> Ended { get; } = new();

        public override void OnEnd(Activity data) => Ended.Enqueue(data);
    }
}
