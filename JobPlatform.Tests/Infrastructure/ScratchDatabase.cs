using JobPlatform.Engine.Data;
using JobPlatform.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace JobPlatform.Tests.Infrastructure;

/// <summary>
/// An empty database on the run's PostgreSQL, dropped when disposed: for tests of what services do to a database of
/// their own (migrations, the key ring) without touching the suite's.
/// </summary>
public sealed class ScratchDatabase : IAsyncDisposable
{
    private readonly DistributedApplication _app;
    private readonly string _name;

    private ScratchDatabase(DistributedApplication app, string name, string connectionString)
    {
        _app = app;
        _name = name;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    public static async Task<ScratchDatabase> CreateAsync(DistributedApplication app, string purpose)
    {
        var name = $"{purpose}_{Guid.NewGuid():N}";
        await JobsDatabase.ScalarAsync<int>(app, $"CREATE DATABASE {name}");
        var connectionString = new NpgsqlConnectionStringBuilder(await app.GetConnectionStringAsync("jobsdb")) { Database = name }.ConnectionString;
        return new ScratchDatabase(app, name, connectionString);
    }

    /// <summary>A service's database registration on this database, and what <paramref name="register"/> adds: built, not started.</summary>
    public IHost ServiceHost(Action<HostApplicationBuilder> register)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration["ConnectionStrings:jobsdb"] = ConnectionString;
        builder.AddNpgsqlDbContext<JobsDbContext>("jobsdb");
        register(builder);
        return builder.Build();
    }

    public async ValueTask DisposeAsync() => await JobsDatabase.ScalarAsync<int>(_app, $"DROP DATABASE {_name} WITH (FORCE)");
}
