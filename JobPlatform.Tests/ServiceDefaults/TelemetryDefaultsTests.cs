using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net.Http.Json;
using JobPlatform.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace JobPlatform.Tests.ServiceDefaults;

/// <summary>
/// What <c>AddServiceDefaults</c> records, in a real Kestrel host. Spans cost CPU at every job, so they are recorded only
/// where a collector is configured (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>), and never for health probes; metrics always.
/// The host's own OTLP exporter points at a closed port: what it would send is captured in memory beside it. Each host
/// has its own application name, so its source and meter are listened to by nobody else in this process.
/// </summary>
public sealed class TelemetryDefaultsTests
{
    private const string UnusedCollector = "http://127.0.0.1:1";

    [Fact]
    public async Task Without_a_collector_no_span_is_recorded_but_metrics_are()
    {
        await using var service = await ServiceHost.StartAsync(otlpEndpoint: "");

        var recording = await service.PingAsync();

        Assert.Null(service.App.Services.GetService<TracerProvider>());
        Assert.False(recording.Request);
        Assert.False(recording.Own);
        Assert.Empty(service.Spans);
        Assert.Contains((service.Name, ServiceHost.PingCounter), service.CollectMetrics());
    }

    [Fact]
    public async Task With_a_collector_requests_and_our_own_spans_and_metrics_are_recorded()
    {
        await using var service = await ServiceHost.StartAsync(UnusedCollector);

        var recording = await service.PingAsync();

        Assert.True(recording.Request);
        Assert.True(recording.Own);
        await service.WaitForServerSpanAsync("/ping");
        Assert.Contains(service.Spans, span => span.Source.Name == service.Name && span.OperationName == ServiceHost.PingWork);
        var metrics = service.CollectMetrics();
        Assert.Contains((service.Name, ServiceHost.PingCounter), metrics);
        Assert.Contains(("Microsoft.AspNetCore.Hosting", "http.server.request.duration"), metrics);
        Assert.Contains(metrics, metric => metric.Meter == "System.Runtime");
    }

    [Fact]
    public async Task With_a_collector_a_key_in_the_query_string_stays_out_of_spans()
    {
        // The live-update endpoints take the API key as ?access_token=: the instrumentation redacts query values.
        const string key = "jp_live_secret_key";
        await using var service = await ServiceHost.StartAsync(UnusedCollector);

        (await service.Http.GetAsync($"/ping?access_token={key}")).Dispose();
        await service.WaitForServerSpanAsync("/ping");

        var tags = service.Spans.SelectMany(span => span.TagObjects).Select(tag => $"{tag.Key}={tag.Value}").ToArray();
        Assert.Contains(tags, tag => tag.StartsWith("url.query=", StringComparison.Ordinal));
        Assert.DoesNotContain(tags, tag => tag.Contains(key, StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_a_collector_the_client_libraries_spans_and_meters_are_read()
    {
        // Npgsql's come from Npgsql.OpenTelemetry; RabbitMQ.Client and EF Core have no instrumentation package here,
        // so their names are added by hand. Their real emitters need the servers: same-named stand-ins check the names.
        string[] sources = ["Npgsql", "RabbitMQ.Client.Publisher", "RabbitMQ.Client.Subscriber"];
        string[] meters = ["Npgsql", "Microsoft.EntityFrameworkCore"];
        await using var service = await ServiceHost.StartAsync(UnusedCollector);

        foreach (var name in sources)
        {
            using var source = new ActivitySource(name);
            source.StartActivity("stand-in")?.Dispose();
        }

        foreach (var name in meters)
        {
            using var meter = new Meter(name);
            meter.CreateCounter<long>("stand-in").Add(1);
            Assert.Contains((name, "stand-in"), service.CollectMetrics());
        }

        Assert.Equal(sources, service.Spans.Where(span => span.OperationName == "stand-in").Select(span => span.Source.Name));
    }

    [Fact]
    public async Task With_a_collector_health_probes_and_the_checks_they_run_leave_no_span()
    {
        await using var service = await ServiceHost.StartAsync(UnusedCollector);

        using var health = await service.Http.GetAsync("/health");
        using var alive = await service.Http.GetAsync("/alive");
        await service.PingAsync();
        // Requests on one connection are served in turn: once the ping's span has ended, the probes' would have too.
        await service.WaitForServerSpanAsync("/ping");

        health.EnsureSuccessStatusCode();
        alive.EnsureSuccessStatusCode();
        Assert.Equal([false], service.DependencyCheckRecorded);
        Assert.DoesNotContain(service.Spans, span => span.OperationName == ServiceHost.DependencyCheck);
        Assert.DoesNotContain(service.Spans, span => span.Kind == ActivityKind.Server && ServiceHost.Path(span) is "/health" or "/alive");
    }

    /// <summary>Whether the ping request's span and the span it started itself were recorded.</summary>
    private sealed record Recording(bool Request, bool Own);

    /// <summary>A service host built with the defaults, its spans and metrics captured beside its exporter.</summary>
    private sealed class ServiceHost : IAsyncDisposable
    {
        public const string PingWork = "ping work";
        public const string PingCounter = "test.pings";
        public const string DependencyCheck = "dependency check";

        private readonly SpanCapture _spans;
        private readonly MetricCapture _metrics;
        private readonly MetricReader _metricReader;

        private ServiceHost(WebApplication app, string name, SpanCapture spans, MetricCapture metrics, MetricReader metricReader,
            ConcurrentQueue<bool> dependencyCheckRecorded)
        {
            App = app;
            Name = name;
            _spans = spans;
            _metrics = metrics;
            _metricReader = metricReader;
            DependencyCheckRecorded = dependencyCheckRecorded;
            Http = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
        }

        public WebApplication App { get; }

        public string Name { get; }

        public HttpClient Http { get; }

        public IReadOnlyCollection<Activity> Spans => _spans.Ended;

        /// <summary>For each run of the test's dependency check: whether the span it started was recorded.</summary>
        public ConcurrentQueue<bool> DependencyCheckRecorded { get; }

        public static async Task<ServiceHost> StartAsync(string otlpEndpoint)
        {
            var name = $"JobPlatform.Tests.Telemetry.{Guid.NewGuid():N}";
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ApplicationName = name, EnvironmentName = Environments.Production });
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Configuration.AddInMemoryCollection([KeyValuePair.Create("OTEL_EXPORTER_OTLP_ENDPOINT", (string?)otlpEndpoint)]);
            builder.AddServiceDefaults();

            // Configuring a provider does not create one: without a collector these stay unused.
            var spans = new SpanCapture();
            var metrics = new MetricCapture();
            var metricReader = new BaseExportingMetricReader(metrics);
            builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddProcessor(spans));
            builder.Services.ConfigureOpenTelemetryMeterProvider(meters => meters.AddReader(metricReader));

            // A service's own source and meter are named after it, as the template does.
            var source = new ActivitySource(name);
            var meter = new Meter(name);
            var pings = meter.CreateCounter<long>(PingCounter);
            var dependencyCheckRecorded = new ConcurrentQueue<bool>();
            builder.Services.AddHealthChecks().AddCheck(DependencyCheck, () =>
            {
                // Stands in for the SQL statement or the broker call a real dependency check makes.
                using var check = source.StartActivity(DependencyCheck);
                dependencyCheckRecorded.Enqueue(check?.Recorded == true);
                return HealthCheckResult.Healthy();
            });

            var app = builder.Build();
            app.MapDefaultEndpoints();
            app.MapGet("/ping", () =>
            {
                var request = Activity.Current;
                using var work = source.StartActivity(PingWork);
                pings.Add(1);
                return new Recording(request?.Recorded == true, work?.Recorded == true);
            });
            app.Lifetime.ApplicationStopped.Register(() =>
            {
                source.Dispose();
                meter.Dispose();
            });
            await app.StartAsync();
            return new ServiceHost(app, name, spans, metrics, metricReader, dependencyCheckRecorded);
        }

        public static string? Path(Activity span) => span.GetTagItem("url.path") as string;

        public async Task<Recording> PingAsync() => (await Http.GetFromJsonAsync<Recording>("/ping"))!;

        /// <summary>A server span ends just after its response is sent.</summary>
        public Task<bool> WaitForServerSpanAsync(string path) => Eventually.ReturnsAsync(
            () => Task.FromResult(Spans.Any(span => span.Kind == ActivityKind.Server && Path(span) == path)),
            found => found, TimeSpan.FromSeconds(10), $"the server span of {path}");

        public HashSet<(string Meter, string Name)> CollectMetrics()
        {
            // This reader only: the provider's flush also waits on the OTLP exporter, which has no collector to reach.
            Assert.True(_metricReader.Collect());
            return [.. _metrics.Seen];
        }

        public async ValueTask DisposeAsync()
        {
            Http.Dispose();
            await App.StopAsync();
            await App.DisposeAsync();
        }
    }

    private sealed class SpanCapture : BaseProcessor<Activity>
    {
        public ConcurrentQueue<Activity> Ended { get; } = new();

        public override void OnEnd(Activity data) => Ended.Enqueue(data);
    }

    private sealed class MetricCapture : BaseExporter<Metric>
    {
        public ConcurrentQueue<(string Meter, string Name)> Seen { get; } = new();

        public override ExportResult Export(in Batch<Metric> batch)
        {
            foreach (var metric in batch)
            {
                Seen.Enqueue((metric.MeterName, metric.Name));
            }

            return ExportResult.Success;
        }
    }
}
