using JobPlatform.Engine;
using JobPlatform.Engine.Data;
using JobPlatform.Engine.Jobs;
using JobPlatform.Providers;

namespace JobPlatform.AiWorkers;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddRedisClient("redis");
        builder.AddNpgsqlDbContext<JobsDbContext>("jobsdb");
        builder.AddRabbitMQClient("messaging");
        builder.AddJobWorkers(Workload.Ai);
        builder.AddProviders();
    }
}
