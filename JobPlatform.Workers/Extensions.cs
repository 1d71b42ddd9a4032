using JobPlatform.Engine.Data;

namespace JobPlatform.Workers;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddRedisClient("redis");
        builder.AddNpgsqlDbContext<JobsDbContext>("jobsdb");
        builder.AddRabbitMQClient("messaging");
    }
}
