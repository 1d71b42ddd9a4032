using JobPlatform.Hosting;
using JobPlatform.Hosting.Testing;

namespace JobPlatform.Tests.Infrastructure;

/// <summary>One start of the whole AppHost topology (real Redis, PostgreSQL, RabbitMQ and services), shared by the suite.</summary>
public sealed class AppHostFixture : IAsyncLifetime
{
    public static readonly string[] Services = ["api", "workers", "ai-workers"];
    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    public DistributedApplication App { get; private set; } = null!;

    public async Task InitializeAsync() => App = await StartAsync();

    public async Task DisposeAsync() => await App.DisposeAsync();

    public static async Task<DistributedApplication> StartAsync(Func<DistributedApplicationOptions, DistributedApplicationOptions>? configure = null)
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.JobPlatform_AppHost>(configure);
        var app = builder.Build();
        await app.StartAsync();
        using var timeout = new CancellationTokenSource(StartTimeout);
        foreach (var service in Services)
        {
            await app.ResourceNotifications.WaitForResourceHealthyAsync(service, timeout.Token);
        }

        return app;
    }
}

[CollectionDefinition(Name)]
public sealed class AppHostCollection : ICollectionFixture<AppHostFixture>
{
    // Tests that start servers share one collection: they run one after another, not side by side on 2 cores.
    public const string Name = "apphost";
}
