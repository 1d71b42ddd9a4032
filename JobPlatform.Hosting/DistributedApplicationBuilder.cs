using JobPlatform.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;

namespace JobPlatform.Hosting;

/// <summary>Declares the resources of the application, as Aspire's <c>IDistributedApplicationBuilder</c> does.</summary>
public sealed class DistributedApplicationBuilder
{
    private readonly List<Resource> _resources = [];

    internal DistributedApplicationBuilder(DistributedApplicationOptions options, IConfiguration configuration)
    {
        Options = options;
        Configuration = configuration;
    }

    public DistributedApplicationOptions Options { get; }

    public IConfiguration Configuration { get; }

    public IReadOnlyList<Resource> Resources => _resources;

    public IResourceBuilder<T> AddResource<T>(T resource) where T : Resource
    {
        if (_resources.Any(r => string.Equals(r.Name, resource.Name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new DistributedApplicationException($"A resource named '{resource.Name}' already exists.");
        }

        _resources.Add(resource);
        return new ResourceBuilder<T>(resource, this);
    }

    /// <summary>A builder for a resource already declared, e.g. for a test to add environment to the AppHost's projects.</summary>
    public IResourceBuilder<T> CreateResourceBuilder<T>(string name) where T : Resource =>
        _resources.OfType<T>().SingleOrDefault(r => r.Name == name) is { } resource
            ? new ResourceBuilder<T>(resource, this)
            : throw new ArgumentException($"There is no {typeof(T).Name} named '{name}'.", nameof(name));

    public DistributedApplication Build()
    {
        // Under DistributedApplicationTestingBuilder, the test takes the builder here and the entry point stops.
        DistributedApplicationTestingHook.OnBuilding(this);
        return new DistributedApplication(Options, _resources);
    }
}

/// <summary>A resource being declared; extension methods add its references, waits, replicas and endpoints.</summary>
public interface IResourceBuilder<out T>
{
    T Resource { get; }

    DistributedApplicationBuilder ApplicationBuilder { get; }
}

internal sealed record ResourceBuilder<T>(T Resource, DistributedApplicationBuilder ApplicationBuilder) : IResourceBuilder<T>;
