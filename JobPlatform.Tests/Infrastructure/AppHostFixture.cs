using JobPlatform.Hosting;
using JobPlatform.Hosting.ApplicationModel;
using JobPlatform.Hosting.Testing;

namespace JobPlatform.Tests.Infrastructure;

/// <summary>One start of the whole AppHost topology (real Redis, PostgreSQL, RabbitMQ and services), shared by the suite.</summary>
public sealed class AppHostFixture : IAsyncLifetime
{
    public static readonly string[] Services = ["api", "workers", "ai-workers"];
    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    /// <summary>The services' <c>Jobs:LeaseTimeout</c>: how long a running job's worker may go without renewing its lease.</summary>
    public static readonly TimeSpan LeaseTimeout = TimeSpan.FromSeconds(4);

    public DistributedApplication App { get; private set; } = null!;

    public async Task InitializeAsync() => App = await StartAsync();

    public async Task DisposeAsync() => await App.DisposeAsync();

    public static async Task<DistributedApplication> StartAsync(Func<DistributedApplicationOptions, DistributedApplicationOptions>? configure = null)
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.JobPlatform_AppHost>(configure);
        foreach (var service in Services)
        {
            // Seed 003's timings are minutes; tests shorten them, and only them.
            builder.CreateResourceBuilder<ProjectResource>(service)
                .WithEnvironment("Jobs__RetryDelays__0", "00:00:00.200")
                .WithEnvironment("Jobs__RetryDelays__1", "00:00:00.400")
                .WithEnvironment("Jobs__RetryDelays__2", "00:00:00.600")
                .WithEnvironment("Jobs__LeaseTimeout", LeaseTimeout.ToString())
                .WithEnvironment("Jobs__HeartbeatInterval", "00:00:00.500")
                .WithEnvironment("Jobs__SweepInterval", "00:00:00.250")
                .WithEnvironment("Jobs__RetentionInterval", "00:00:01")
                // A lane small enough to fill in a test.
                .WithEnvironment("Jobs__Lanes__critical__MaxQueued", "3")
                // A lane whose timeout a test can exceed.
                .WithEnvironment("Jobs__Lanes__high__Timeout", "00:00:01");
        }

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
            // xunit does not dispose a fixture whose start failed: stop what did start, or its servers outlive the run.
            await app.DisposeAsync();
            throw;
        }
    }
}

[CollectionDefinition(Name)]
public sealed class AppHostCollection : ICollectionFixture<AppHostFixture>
{
    // Tests that start servers share one collection: they run one after another, not side by side on 2 cores.
    public const string Name = "apphost";
}
