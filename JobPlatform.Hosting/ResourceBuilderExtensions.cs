using JobPlatform.Hosting.ApplicationModel;

namespace JobPlatform.Hosting;

/// <summary>The Aspire AppHost vocabulary: AddRedis, AddPostgres, AddDatabase, AddRabbitMQ, AddProject, WithReference, WaitFor...</summary>
public static class ResourceBuilderExtensions
{
    public static IResourceBuilder<RedisResource> AddRedis(this DistributedApplicationBuilder builder, string name) =>
        builder.AddResource(new RedisResource(name));

    public static IResourceBuilder<PostgresServerResource> AddPostgres(this DistributedApplicationBuilder builder, string name) =>
        builder.AddResource(new PostgresServerResource(name));

    public static IResourceBuilder<PostgresDatabaseResource> AddDatabase(
        this IResourceBuilder<PostgresServerResource> server, string name, string? databaseName = null)
    {
        var database = server.ApplicationBuilder.AddResource(new PostgresDatabaseResource(name, databaseName ?? name, server.Resource));
        database.Resource.WaitsFor.Add(server.Resource);
        return database;
    }

    public static IResourceBuilder<RabbitMQServerResource> AddRabbitMQ(this DistributedApplicationBuilder builder, string name) =>
        builder.AddResource(new RabbitMQServerResource(name));

    public static IResourceBuilder<ProjectResource> AddProject<TProject>(this DistributedApplicationBuilder builder, string name)
        where TProject : IProjectMetadata, new() =>
        builder.AddResource(new ProjectResource(name, new TProject()));

    /// <summary>Passes <c>ConnectionStrings__{name}</c> and the <c>{NAME}_*</c> connection properties.</summary>
    public static IResourceBuilder<ProjectResource> WithReference(
        this IResourceBuilder<ProjectResource> builder, IResourceBuilder<IResourceWithConnectionString> source)
    {
        builder.Resource.ConnectionReferences.Add(source.Resource);
        return builder;
    }

    /// <summary>Passes service discovery variables: <c>services__{name}__http__{i}</c> and <c>{NAME}_HTTP</c>.</summary>
    public static IResourceBuilder<ProjectResource> WithReference(
        this IResourceBuilder<ProjectResource> builder, IResourceBuilder<ProjectResource> service)
    {
        builder.Resource.ServiceReferences.Add(service.Resource);
        return builder;
    }

    /// <summary>Start only after <paramref name="dependency"/> is running and healthy.</summary>
    public static IResourceBuilder<T> WaitFor<T>(this IResourceBuilder<T> builder, IResourceBuilder<Resource> dependency)
        where T : Resource
    {
        builder.Resource.WaitsFor.Add(dependency.Resource);
        return builder;
    }

    public static IResourceBuilder<ProjectResource> WithReplicas(this IResourceBuilder<ProjectResource> builder, int replicas)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(replicas, 1);
        builder.Resource.ReplicaCount = replicas;
        return builder;
    }

    /// <summary>A fixed port for the first replica in run mode; tests randomize it.</summary>
    public static IResourceBuilder<ProjectResource> WithHttpEndpoint(this IResourceBuilder<ProjectResource> builder, int port)
    {
        builder.Resource.FixedHttpPort = port;
        return builder;
    }

    public static IResourceBuilder<ProjectResource> WithExternalHttpEndpoints(this IResourceBuilder<ProjectResource> builder)
    {
        builder.Resource.ExternalHttpEndpoints = true;
        return builder;
    }

    /// <summary>The resource is healthy when GET <paramref name="path"/> answers 2xx on every replica.</summary>
    public static IResourceBuilder<ProjectResource> WithHttpHealthCheck(this IResourceBuilder<ProjectResource> builder, string path)
    {
        builder.Resource.HealthCheckPath = path;
        return builder;
    }

    public static IResourceBuilder<ProjectResource> WithEnvironment(
        this IResourceBuilder<ProjectResource> builder, string name, string value)
    {
        builder.Resource.EnvironmentVariables[name] = () => value;
        return builder;
    }

    /// <summary>
    /// A value passed to the projects that reference it: <c>Parameters:{name}</c> from configuration, or generated (e.g.
    /// a key) when that is not set.
    /// </summary>
    public static IResourceBuilder<ParameterResource> AddParameter(this DistributedApplicationBuilder builder, string name, bool secret = false) =>
        builder.AddResource(new ParameterResource(name, secret, builder.Configuration[$"Parameters:{name}"] is { Length: > 0 } configured ? configured : null));

    public static IResourceBuilder<ProjectResource> WithEnvironment(
        this IResourceBuilder<ProjectResource> builder, string name, IResourceBuilder<ParameterResource> parameter)
    {
        builder.Resource.EnvironmentVariables[name] = () => parameter.Resource.Value;
        return builder;
    }

    public static IResourceBuilder<ProjectResource> WithEnvironment(
        this IResourceBuilder<ProjectResource> builder, IEnumerable<(string Name, IResourceBuilder<ParameterResource> Parameter)> variables)
    {
        foreach (var (name, parameter) in variables)
        {
            builder.WithEnvironment(name, parameter);
        }

        return builder;
    }
}
