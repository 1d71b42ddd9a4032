using JobPlatform.ContentAnalysis;
using JobPlatform.Engine;
using JobPlatform.Engine.Data;
using JobPlatform.Engine.Jobs;
using JobPlatform.ProfileAnalytics;
using JobPlatform.ProfileAnalytics.Storage;
using JobPlatform.Providers;

namespace JobPlatform.Workers;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddRedisClient("redis");
        builder.AddNpgsqlDbContext<JobsDbContext>("jobsdb");
        builder.AddNpgsqlDbContext<ProfileAnalyticsDbContext>("jobsdb");
        builder.AddRabbitMQClient("messaging");
        builder.AddJobWorkers(Workload.General);
        builder.AddProviders();
        builder.AddProfileAnalyticsWorkers();
        builder.AddContentAnalysisJobType();
    }
}
