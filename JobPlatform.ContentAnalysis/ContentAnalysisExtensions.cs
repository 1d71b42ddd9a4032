using JobPlatform.ContentAnalysis.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace JobPlatform.ContentAnalysis;

public static class ContentAnalysisExtensions
{
    /// <summary>
    /// The local engine as the <see cref="IPostAnalyzer"/> singleton (options from the <c>ContentAnalysis</c> section),
    /// its warm-up at start, and the <c>content-analysis</c> readiness check that waits for it.
    /// </summary>
    public static IHostApplicationBuilder AddContentAnalysis(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<ContentAnalysisOptions>()
            .Bind(builder.Configuration.GetSection(ContentAnalysisOptions.SectionName))
            .Validate(options => options.MaxConcurrency > 0 && options.VocabularySize > 0, "MaxConcurrency and VocabularySize must be positive.")
            .ValidateOnStart();
        builder.Services.AddSingleton<ContentModelStore>();
        builder.Services.AddSingleton<IPostAnalyzer, LocalPostAnalyzer>();
        builder.Services.AddSingleton<ContentAnalysisWarmupState>();
        builder.Services.AddHostedService<ContentAnalysisWarmup>();
        builder.Services.AddHealthChecks().AddCheck<ContentAnalysisHealthCheck>(ContentAnalysisHealthCheck.Name);
        return builder;
    }
}
