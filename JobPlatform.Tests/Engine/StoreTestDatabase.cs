using JobPlatform.Engine;
using JobPlatform.Engine.Data;
using JobPlatform.Engine.Execution;
using JobPlatform.Engine.Jobs;
using JobPlatform.Engine.Rules;
using JobPlatform.Engine.Store;
using JobPlatform.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace JobPlatform.Tests.Engine;

/// <summary>
/// A migrated scratch database with the engine's registrations on it (no services), for the job store's tests. As a
/// class fixture it is one database per test class, each test working on a tenant of its own; a test of a statement
/// that sweeps every job (publishing, retention) creates one of its own (<see cref="CreateAsync"/>).
/// </summary>
public sealed class StoreTestDatabase(AppHostFixture fixture) : IAsyncLifetime, IAsyncDisposable
{
    private ScratchDatabase? _database;
    private IHost? _host;

    public string ConnectionString => (_database ?? throw new InvalidOperationException("Not initialized.")).ConnectionString;

    public IServiceProvider Services => (_host ?? throw new InvalidOperationException("Not initialized.")).Services;

    public static async Task<StoreTestDatabase> CreateAsync(AppHostFixture fixture)
    {
        var database = new StoreTestDatabase(fixture);
        await database.InitializeAsync();
        return database;
    }

    public async Task InitializeAsync()
    {
        _database = await ScratchDatabase.CreateAsync(fixture.App, "store");
        var messaging = await fixture.App.GetConnectionStringAsync("messaging");
        _host = _database.ServiceHost(builder =>
        {
            // The fixture's broker, for the outbox's publisher: nothing connects to it unless a test publishes.
            builder.Configuration["ConnectionStrings:messaging"] = messaging;
            builder.AddJobEngine();
            builder.AddRabbitMQClient("messaging");
        });
        await _host.Services.MigrateJobsDatabaseAsync();
    }

    /// <summary>A scope of its own, as a request or an attempt has: the store and its DbContext are scoped.</summary>
    public AsyncServiceScope CreateScope() => Services.CreateAsyncScope();

    public async Task<(Guid TenantId, Guid UserId)> CreateTenantAsync(long credits)
    {
        var tenantId = Guid.NewGuid();
        await ExecuteAsync("INSERT INTO tenants (id, name, tier, credits) VALUES ($1, 'store test', 'enterprise', $2)", tenantId, credits);
        return (tenantId, await AddUserAsync(tenantId));
    }

    public async Task<Guid> AddUserAsync(Guid tenantId)
    {
        var userId = Guid.NewGuid();
        await ExecuteAsync("INSERT INTO users (id, tenant_id, name) VALUES ($1, $2, 'user')", userId, tenantId);
        return userId;
    }

    public static PendingJob Pending(Guid tenantId, Guid userId, int maxAttempts = 4, string priority = Priorities.Normal)
    {
        var now = DateTimeOffset.UtcNow;
        return new PendingJob(new Job
        {
            Id = Guid.CreateVersion7(), TenantId = tenantId, UserId = userId, JobType = "diagnostic", Priority = priority,
            Status = JobStatuses.Queued, Parameters = "{}", Cost = 1, MaxAttempts = maxAttempts, CreatedAt = now, RunAfter = now,
        }, "enterprise");
    }

    /// <summary>One job accepted (charged 1 credit) as the API accepts it; its id.</summary>
    public static async Task<Guid> AcceptAsync(JobStore store, Guid tenantId, Guid userId, int maxAttempts = 4, string priority = Priorities.Normal)
    {
        var pending = Pending(tenantId, userId, maxAttempts, priority);
        Assert.IsType<AcceptDecision.Accepted>(Assert.Single(await store.AcceptAsync([pending])));
        return pending.Job.Id;
    }

    /// <summary>The job claimed for an attempt under <paramref name="owner"/>'s lease, as a worker claims it.</summary>
    public static async Task<Job> ClaimAsync(JobStore store, Guid jobId, string owner) =>
        Assert.Single(await store.ClaimAsync([new JobLease(jobId, owner)], CancellationToken.None));

    /// <summary>The job's record as it is now (read on a scope of its own); null once deleted.</summary>
    public async Task<Job?> ReadJobAsync(Guid jobId)
    {
        await using var scope = CreateScope();
        return await scope.ServiceProvider.GetRequiredService<JobsDbContext>().Jobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == jobId);
    }

    public async Task<Job> JobAsync(Guid jobId) => await ReadJobAsync(jobId) ?? throw new InvalidOperationException($"No job {jobId}.");

    public async Task<long> CreditsAsync(Guid tenantId) => await ScalarAsync<long>("SELECT credits FROM tenants WHERE id = $1", tenantId);

    /// <summary>The database's clock: a statement's <c>now()</c> falls between a reading taken before it and one taken after.</summary>
    public async Task<DateTimeOffset> ClockAsync() => new(await ScalarAsync<DateTime>("SELECT clock_timestamp()"));

    public Task<T?> ScalarAsync<T>(string sql, params object[] parameters) => JobsDatabase.ScalarAsync<T>(ConnectionString, sql, parameters);

    /// <summary>A write as an operator with psql would make it (to simulate time passing).</summary>
    public Task ExecuteAsync(string sql, params object[] parameters) => JobsDatabase.ScalarAsync<int>(ConnectionString, sql, parameters);

    public async ValueTask DisposeAsync()
    {
        if (_host is IAsyncDisposable host)
        {
            // Asynchronously: the publisher and its connection are disposable only so.
            await host.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}
