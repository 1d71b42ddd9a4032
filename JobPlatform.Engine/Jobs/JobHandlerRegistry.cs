using Microsoft.Extensions.DependencyInjection;

namespace JobPlatform.Engine.Jobs;

/// <summary>The registered job types, by name.</summary>
public sealed class JobHandlerRegistry(IEnumerable<IJobHandler> handlers)
{
    private readonly Dictionary<string, IJobHandler> _byType = handlers.ToDictionary(h => h.JobType, StringComparer.Ordinal);

    public IReadOnlyCollection<string> JobTypes => _byType.Keys;

    public IJobHandler? Find(string jobType) => _byType.GetValueOrDefault(jobType);
}

public static class JobHandlerRegistration
{
    public static IServiceCollection AddJobHandler<THandler>(this IServiceCollection services) where THandler : class, IJobHandler
    {
        services.AddSingleton<IJobHandler, THandler>();
        return services;
    }
}
