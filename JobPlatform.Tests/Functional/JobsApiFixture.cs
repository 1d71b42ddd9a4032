extern alias JobPlatformApi;

using JobPlatform.Engine.Data;
using JobPlatform.Hosting;
using JobPlatform.Testing;
using JobPlatform.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace JobPlatform.Tests.Functional;

/// <summary>
/// The API hosted in-process (<c>WebApplicationFactory&lt;Program&gt;</c> on a test server, as eShop's functional
/// tests host theirs), on the real servers of the run's topology (<see cref="AppHostFixture"/>), configured as the
/// topology's API replicas are. Tests call it through <c>CreateClient()</c>: no process, no port, no network.
/// </summary>
/// <remarks>
/// It shares the suite's database, Redis and broker rather than a scratch database: it is a third replica of the API
/// beside the topology's two. The servers' state is one whole: jobs it accepts are published on the run's broker, and
/// the suite's workers, which consume it, would find no record of them in a scratch database, nor the key that sealed
/// their secret parameters (the key ring is in the database too). Shared, the jobs it accepts are run, as in
/// production, and nothing differs from a replica but the host. Tests stay apart as everywhere in the suite: each
/// creates its own tenants. The database is migrated already (the API's start finds nothing to do, and its demo
/// tenants exist).
/// <para>
/// A class fixture that takes the collection's <see cref="AppHostFixture"/>: the servers are started once per run, the
/// test classes using it belong to <see cref="AppHostCollection"/> (one after another, never beside a fault test that
/// stops a server), and the in-process API lives only while its class runs.
/// </para>
/// <para>
/// What the test server does not do, Kestrel does in the topology, and is tested there: it enforces no body size (the
/// API's limits are Kestrel's), and its requests carry no client address (their key lookups are charged to the
/// unknown address's budget, which no other test's client spends).
/// </para>
/// </remarks>
public sealed class JobsApiFixture(AppHostFixture topology) : WebApplicationFactory<JobPlatformApi::Program>, IAsyncLifetime
{
    /// <summary>The servers the AppHost references from the API (<c>JobPlatform.AppHost/Program.cs</c>), by resource name.</summary>
    private static readonly string[] ServerResources = ["redis", "jobsdb", "messaging"];

    private Dictionary<string, string?> _configuration = [];
    private string? _databaseConnectionString;

    /// <summary>The run's topology: its servers, for a test that reads the database as an operator would.</summary>
    public DistributedApplication Topology => topology.App;

    public string OperatorKey => Topology.GetParameterValue("operator-api-key");

    public async Task InitializeAsync()
    {
        _configuration = await ConfigurationAsync();
        // Started here, not by a test's first request: a start that fails fails the class at once, and no test's
        // time includes it.
        StartServer();
        await using var scope = Services.CreateAsyncScope();
        _databaseConnectionString = scope.ServiceProvider.GetRequiredService<JobsDbContext>().Database.GetConnectionString();
    }

    protected override IHost CreateHost(IHostBuilder builder)
    {
        // The topology's environment (Testing), not the factory's Development: Development turns on the developer
        // exception page and scope validation, which the replicas do not run with.
        builder.UseEnvironment(Topology.Options.EnvironmentName);
        builder.ConfigureHostConfiguration(configuration => configuration.AddInMemoryCollection(_configuration));
        return base.CreateHost(builder);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_databaseConnectionString is not null)
        {
            // Its pooled connections live in this process, beyond the host: left idle, they would be broken by a later
            // test's PostgreSQL restart and handed, broken, to the next class's API.
            using var pooled = new NpgsqlConnection(_databaseConnectionString);
            NpgsqlConnection.ClearPool(pooled);
        }
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    /// <summary>
    /// What the AppHost and the suite give the API replicas, as configuration keys: the servers' connection strings,
    /// the operator and demo keys (AppHost parameters), the run's settings; nothing of the test's own.
    /// </summary>
    private async Task<Dictionary<string, string?>> ConfigurationAsync()
    {
        var configuration = new Dictionary<string, string?>();
        foreach (var resource in ServerResources)
        {
            configuration[$"ConnectionStrings:{resource}"] = await Topology.GetConnectionStringAsync(resource)
                ?? throw new InvalidOperationException($"{resource} has no connection string.");
        }

        configuration["Operator:ApiKey"] = OperatorKey;
        foreach (var tier in AppHostFixture.Tiers)
        {
            configuration[$"Demo:Keys:{tier}"] = Topology.GetParameterValue($"demo-key-{tier}");
        }

        foreach (var (name, value) in TopologyStarter.ServiceEnvironment.Concat(AppHostFixture.ServiceEnvironment).Concat(AppHostFixture.ApiEnvironment))
        {
            // Environment variable names to configuration keys: Jobs__LeaseTimeout is Jobs:LeaseTimeout.
            configuration[name.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal)] = value;
        }

        return configuration;
    }
}
