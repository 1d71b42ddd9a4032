using Microsoft.Extensions.DependencyInjection;

namespace JobPlatform.Engine.Jobs;

/// <summary>The registered job types, by name.</summary>
public sealed class JobHandlerRegistry
{
    private readonly Dictionary<string, IJobHandler> _byType;

    public JobHandlerRegistry(IEnumerable<IJobHandler> handlers)
    {
        _byType = handlers.ToDictionary(h => h.JobType, StringComparer.Ordinal);
        // A malformed path would match nothing, and its secret would be stored in clear: refuse it at start instead.
        foreach (var handler in _byType.Values)
        {
            if (handler.SecretParameters.FirstOrDefault(path => path.Split('.').Any(string.IsNullOrWhiteSpace)) is { } malformed)
            {
                throw new InvalidOperationException(
                    $"Job type '{handler.JobType}' declares the secret parameter '{malformed}': a path is property names separated by dots.");
            }
        }
    }

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
