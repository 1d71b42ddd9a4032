using JobPlatform.Hosting;
using JobPlatform.Hosting.ApplicationModel;
using JobPlatform.Hosting.Testing;

namespace JobPlatform.Testing;

/// <summary>
/// Starts the AppHost's own topology (real Redis, PostgreSQL, RabbitMQ and the services) on free ports and temporary
/// data, with the configuration a run needs on top, and returns once every service is healthy.
/// </summary>
public static class TopologyStarter
{
    public static readonly string[] Services = ["api", "workers", "ai-workers"];

    /// <summary>How long a start may take before it counts as failed: servers, migrations and three services on a busy machine.</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    /// <summary>
    /// What every service of a started topology is configured with, as environment variables: the diagnostic job type,
    /// which tests and benchmarks run and the product does not offer. Public for a service hosted outside the topology.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ServiceEnvironment { get; } = new Dictionary<string, string>
    {
        ["Jobs__Diagnostics__Enabled"] = "true",
    };

    /// <param name="configureOptions">The run's options (durable storage, a dashboard...).</param>
    /// <param name="configureService">Applied to every service (api, workers, ai-workers): the rules they share.</param>
    /// <param name="configureApi">Applied to the API only, after <paramref name="configureService"/>.</param>
    public static async Task<DistributedApplication> StartAsync(
        Func<DistributedApplicationOptions, DistributedApplicationOptions>? configureOptions,
        Action<IResourceBuilder<ProjectResource>> configureService,
        Action<IResourceBuilder<ProjectResource>>? configureApi = null)
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.JobPlatform_AppHost>(configureOptions);
        foreach (var service in Services)
        {
            var resource = builder.CreateResourceBuilder<ProjectResource>(service);
            foreach (var (name, value) in ServiceEnvironment)
            {
                resource.WithEnvironment(name, value);
            }

            configureService(resource);
        }

        configureApi?.Invoke(builder.CreateResourceBuilder<ProjectResource>("api"));
        var app = builder.Build();
        try
        {
            await app.StartAsync();
            using var timeout = new CancellationTokenSource(StartTimeout);
            foreach (var service in Services)
            {
                await app.ResourceNotifications.WaitForResourceHealthyAsync(service, timeout.Token);
            }

            return app;
        }
        catch
        {
            // A caller never gets a run whose start failed: stop what did start, or its servers outlive the run.
            await app.DisposeAsync();
            throw;
        }
    }
}
