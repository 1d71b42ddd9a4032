using JobPlatform.ContentAnalysis.Hosting;
using JobPlatform.ContentAnalysis.Jobs;
using JobPlatform.ContentAnalysis.Llm;
using JobPlatform.ContentAnalysis.Telemetry;
using JobPlatform.Engine.Jobs;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace JobPlatform.ContentAnalysis;

public static class ContentAnalysisExtensions
{
    /// <summary>
    /// The AI workers' content analysis (docs/requirements.md R-003-12): the <see cref="IPostAnalyzer"/> singleton (the
    /// local engine, or with <c>ContentAnalysis:Engine</c> = <c>llm</c> the service's <see cref="IChatClient"/> behind
    /// the AI breaker, falling back to the local engine), the models' warm-up and the <c>content-analysis</c> readiness
    /// check that waits for it, the breaker's <c>content-analysis-llm</c> check, the memory limit, the meter, and the
    /// <c>content_analysis</c> job type with its handler.
    /// </summary>
    public static IHostApplicationBuilder AddContentAnalysis(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<ContentAnalysisOptions>()
            .Bind(builder.Configuration.GetSection(ContentAnalysisOptions.SectionName))
            .Validate(options => options.MaxConcurrency > 0 && options.VocabularySize > 0, "MaxConcurrency and VocabularySize must be positive.")
            .Validate(options => options.Engine is ContentAnalysisOptions.LocalEngine or ContentAnalysisOptions.LlmEngine,
                $"{ContentAnalysisOptions.SectionName}:Engine must be '{ContentAnalysisOptions.LocalEngine}' or '{ContentAnalysisOptions.LlmEngine}'.")
            // Polly's own limits: a breaker needs a throughput of 2 and windows of half a second at least.
            .Validate(options => options.Breaker.FailureThreshold >= 2 && options.Breaker.SamplingDuration >= TimeSpan.FromMilliseconds(500)
                    && options.Breaker.BreakDuration >= TimeSpan.FromMilliseconds(500),
                $"{ContentAnalysisOptions.SectionName}:Breaker needs a FailureThreshold of 2 or more and durations of 0.5 s or more.")
            .Validate(options => options.MemoryLimitMb >= 0 && options.MemoryCheckInterval > TimeSpan.Zero,
                $"{ContentAnalysisOptions.SectionName}:MemoryLimitMb must not be negative, MemoryCheckInterval must be positive.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddSingleton<ContentModelStore>();
        services.AddSingleton<LocalPostAnalyzer>();
        services.AddSingleton<AiBreaker>();
        services.AddSingleton(serviceProvider =>
            new ContentAnalysisTelemetry(serviceProvider.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), serviceProvider.GetRequiredService<AiBreaker>()));
        services.AddSingleton<IPostAnalyzer>(serviceProvider => new FallbackPostAnalyzer(
            serviceProvider.GetRequiredService<LocalPostAnalyzer>(),
            CreateLlm(serviceProvider),
            serviceProvider.GetRequiredService<AiBreaker>(),
            serviceProvider.GetRequiredService<ContentAnalysisTelemetry>(),
            serviceProvider.GetRequiredService<TimeProvider>(),
            serviceProvider.GetRequiredService<ILogger<FallbackPostAnalyzer>>()));
        services.AddSingleton<ContentAnalysisWarmupState>();
        services.AddHostedService<ContentAnalysisWarmup>();
        services.AddSingleton<MemoryGuard>();
        services.AddHostedService(serviceProvider => serviceProvider.GetRequiredService<MemoryGuard>());

        var health = services.AddHealthChecks().AddCheck<ContentAnalysisHealthCheck>(ContentAnalysisHealthCheck.Name);
        if (builder.Configuration[$"{ContentAnalysisOptions.SectionName}:{nameof(ContentAnalysisOptions.Engine)}"] == ContentAnalysisOptions.LlmEngine)
        {
            // Degraded, never Unhealthy: while the breaker is open the local engine keeps the worker in service.
            health.AddCheck<AiBreakerHealthCheck>(AiBreakerHealthCheck.Name, HealthStatus.Degraded);
        }

        services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddMeter(ContentAnalysisTelemetry.Name));
        builder.AddContentAnalysisJobType();
        services.AddJobHandler<ContentAnalysisHandler>();
        return builder;
    }

    /// <summary>The <c>content_analysis</c> job type alone: the API and the general workers accept and route it (docs/requirements.md R-003-18).</summary>
    public static IHostApplicationBuilder AddContentAnalysisJobType(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddJobType<ContentAnalysisJobType>();
        return builder;
    }

    private static LlmPostAnalyzer? CreateLlm(IServiceProvider serviceProvider)
    {
        if (serviceProvider.GetRequiredService<IOptions<ContentAnalysisOptions>>().Value.Engine != ContentAnalysisOptions.LlmEngine)
        {
            return null;
        }

        var chat = serviceProvider.GetService<IChatClient>() ?? throw new InvalidOperationException(
            $"{ContentAnalysisOptions.SectionName}:Engine is '{ContentAnalysisOptions.LlmEngine}' but the service has no IChatClient: call AddProviders(), which registers OpenAI's.");
        return new LlmPostAnalyzer(chat);
    }
}
