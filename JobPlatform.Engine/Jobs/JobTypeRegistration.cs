using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace JobPlatform.Engine.Jobs;

public static class JobTypeRegistration
{
    /// <summary>Declares a job type (every service that accepts, routes or starts jobs of it).</summary>
    public static IServiceCollection AddJobType<TType>(this IServiceCollection services) where TType : class, IJobType
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IJobType, TType>());
        return services;
    }

    /// <summary>Runs a job type's jobs (the workers of its workload).</summary>
    public static IServiceCollection AddJobHandler<THandler>(this IServiceCollection services) where THandler : class, IJobHandler
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IJobHandler, THandler>());
        return services;
    }
}
