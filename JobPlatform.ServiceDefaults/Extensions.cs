using JobPlatform.ServiceDefaults.Health;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// What every JobPlatform service shares, with the Aspire service-defaults template's public API: telemetry, health
/// endpoints, and resilience on every HttpClient. The client registrations (AddRedisClient, AddNpgsqlDbContext) sit
/// beside it in Clients/; AddRabbitMQClient is the engine's (JobPlatform.Engine/Messaging).
/// </summary>
public static class Extensions
{
    private const string HealthEndpointPath = "/health";
    private const string AlivenessEndpointPath = "/alive";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            // "http://api" resolves through services:api:http:0, the endpoint an AppHost passes.
            http.AddServiceDiscovery();
        });
        return builder;
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        var telemetry = builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation()
                // No instrumentation package for EF Core is served here: its built-in meter is read directly.
                .AddMeter("Microsoft.EntityFrameworkCore")
                .AddMeter(builder.Environment.ApplicationName));

        // Export only where a collector is configured, as the template does: a bare run stays quiet. Spans are
        // recorded only then too: a job makes a dozen (request, SQL statements, publish, delivery), and spans that
        // nobody exports cost each service CPU at every job.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry
                .WithTracing(tracing => tracing
                    .AddSource(builder.Environment.ApplicationName)
                    .AddAspNetCoreInstrumentation(aspNetCore =>
                        // Probes run every few seconds: keep them, and the dependency checks they run, out of traces.
                        aspNetCore.Filter = context =>
                            !context.Request.Path.StartsWithSegments(HealthEndpointPath)
                            && !context.Request.Path.StartsWithSegments(AlivenessEndpointPath))
                    .AddHttpClientInstrumentation()
                    .AddNpgsql()
                    // RabbitMQ.Client 7 traces publishes and deliveries itself, under these sources.
                    .AddSource("RabbitMQ.Client.Publisher", "RabbitMQ.Client.Subscriber"))
                .UseOtlpExporter();
        }

        return builder;
    }

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            // Liveness: the process answers. Dependency checks carry no tag, so they gate /health only.
            .AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);
        return builder;
    }

    /// <summary><c>/health</c>: readiness, every check must pass. <c>/alive</c>: liveness, only checks tagged "live".</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        // Open without a key: probes carry none.
        app.MapHealthChecks(HealthEndpointPath, new HealthCheckOptions { ResponseWriter = HealthReportWriter.WriteAsync }).AllowAnonymous();
        app.MapHealthChecks(AlivenessEndpointPath, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains("live"),
            ResponseWriter = HealthReportWriter.WriteAsync,
        }).AllowAnonymous();
        return app;
    }
}
