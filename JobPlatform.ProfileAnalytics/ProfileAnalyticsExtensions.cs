using JobPlatform.Engine.Data;
using JobPlatform.Engine.Jobs;
using JobPlatform.ProfileAnalytics.Cache;
using JobPlatform.ProfileAnalytics.Jobs;
using JobPlatform.ProfileAnalytics.Reads;
using JobPlatform.ProfileAnalytics.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace JobPlatform.ProfileAnalytics;

/// <summary>
/// The module in each service. Every service declares both job types: the API accepts <c>profile_analysis</c>, and a
/// general worker starts <c>post_analysis</c> children, which the registry routes to the AI workers. The host registers
/// <see cref="ProfileAnalyticsDbContext"/> on the jobs database itself (<c>AddNpgsqlDbContext</c>, with its workload's
/// pool), as it does the engine's context; Redis (<c>AddRedisClient</c>) likewise.
/// </summary>
public static class ProfileAnalyticsExtensions
{
    /// <summary>The API: job types, tables, cache and reads; no handler.</summary>
    public static IHostApplicationBuilder AddProfileAnalytics(this IHostApplicationBuilder builder)
    {
        builder.Services.AddJobType<ProfileAnalysisJobType>();
        builder.Services.AddJobType<PostAnalysisJobType>();
        builder.Services.AddDatabaseMigrations(typeof(ProfileAnalyticsExtensions).Assembly);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<ProfileAnalysisCache>();
        builder.Services.TryAddScoped<ProfileStore>();
        builder.Services.TryAddScoped<ProfileReader>();
        builder.Services.TryAddSingleton<ProfileLookupBatcher>();
        return builder;
    }

    /// <summary>The general workers: the profile pipeline (Apify, media, storage, aggregation). Needs <c>AddProviders()</c>.</summary>
    public static IHostApplicationBuilder AddProfileAnalyticsWorkers(this IHostApplicationBuilder builder)
    {
        builder.AddProfileAnalytics();
        builder.Services.AddOptions<ProfileAnalysisOptions>().BindConfiguration(ProfileAnalysisOptions.SectionName)
            .Validate(o => o.RunWait >= TimeSpan.Zero && o.RunWait <= TimeSpan.FromSeconds(60),
                $"{ProfileAnalysisOptions.SectionName}:RunWait must be between 0 and 60 seconds (Apify's longest long-poll).")
            .Validate(o => o.RunCheckInterval >= TimeSpan.FromMilliseconds(100),
                $"{ProfileAnalysisOptions.SectionName}:RunCheckInterval must be at least 100 ms.")
            .ValidateOnStart();
        builder.Services.AddJobHandler<ProfileAnalysisHandler>();
        return builder;
    }

    /// <summary>The AI workers: the post analyses. Needs an <c>IPostAnalyzer</c> (<c>AddContentAnalysis()</c>).</summary>
    public static IHostApplicationBuilder AddProfileAnalyticsAiWorkers(this IHostApplicationBuilder builder)
    {
        builder.AddProfileAnalytics();
        builder.Services.AddJobHandler<PostAnalysisHandler>();
        return builder;
    }
}
