using System.Net.Http.Headers;
using JobPlatform.Hosting;
using JobPlatform.Testing;
using Npgsql;

namespace JobPlatform.Bench.Harness;

/// <summary>A bench tenant's API clients, one per API replica, all with the same key.</summary>
public sealed record BenchTenant(Guid TenantId, IReadOnlyList<HttpClient> Replicas);

/// <summary>
/// The whole system started through the AppHost, as `dotnet run` starts it but on free ports and temporary data, with
/// durable storage (fsync on, Redis AOF everysec): benchmark numbers are for jobs that survive a crash.
/// </summary>
public sealed class BenchSystem(DistributedApplication app, NpgsqlDataSource jobsDb, IReadOnlyDictionary<string, string> peerEnvironment)
    : IAsyncDisposable
{
    private static readonly string[] WorkerServices = ["workers", "ai-workers"];

    public NpgsqlDataSource JobsDb => jobsDb;

    /// <summary>REDIS_URL and PG_URL of the same servers, for the peer systems.</summary>
    public IReadOnlyDictionary<string, string> PeerEnvironment => peerEnvironment;

    public static async Task<BenchSystem> StartAsync()
    {
        // The product's quotas (docs/requirements.md R-003-4) fit 60-second jobs; the benchmark pushes thousands of no-op
        // jobs per second through one tenant, so it lifts that tenant's tier and lane limits and its key's request rate
        // (configuration, like every rule). The rate is still checked at every request, as in production: only its
        // limit is lifted.
        var app = await TopologyStarter.StartAsync(o => o with { DurableStorage = true, EnvironmentName = "Production" },
            service => service
                .WithEnvironment("Jobs__Tiers__enterprise__MaxConcurrent", "100000000")
                .WithEnvironment("Jobs__Tiers__enterprise__RequestsPerSecond", "100000000")
                .WithEnvironment("Jobs__Tiers__enterprise__RequestBurst", "100000000")
                .WithEnvironment("Jobs__Lanes__normal__MaxQueued", "100000000"));

        var jobsDbConnection = (await app.GetConnectionStringAsync("jobsdb"))!;
        var peerEnvironment = new Dictionary<string, string>
        {
            ["REDIS_URL"] = RedisUrl((await app.GetConnectionStringAsync("redis"))!),
            ["PG_URL"] = PostgresUrl(jobsDbConnection),
        };
        return new BenchSystem(app, NpgsqlDataSource.Create(jobsDbConnection), peerEnvironment);
    }

    // StackExchange.Redis "host:port,password=..." to the redis:// URL node clients take.
    private static string RedisUrl(string connectionString)
    {
        var settings = connectionString.Split(',');
        var password = settings.FirstOrDefault(s => s.StartsWith("password=", StringComparison.Ordinal))?["password=".Length..] ?? "";
        return $"redis://:{Uri.EscapeDataString(password)}@{settings[0]}";
    }

    private static string PostgresUrl(string connectionString)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        return $"postgres://{settings.Username}:{Uri.EscapeDataString(settings.Password ?? "")}@{settings.Host}:{settings.Port}/{settings.Database}";
    }

    /// <summary>The root processes of each resource (replicas merged), for the resource monitor.</summary>
    public IReadOnlyDictionary<string, int[]> ProcessRoots() =>
        app.GetResourceSnapshots(outputLines: 0).Where(s => s.ProcessIds.Count > 0).GroupBy(s => s.Resource)
            .ToDictionary(g => g.Key, g => g.SelectMany(s => s.ProcessIds).ToArray());

    /// <summary>A fresh enterprise tenant per measurement, so each one's jobs can be counted apart.</summary>
    public async Task<BenchTenant> CreateTenantAsync(string name)
    {
        using var admin = Client(0, app.GetParameterValue("operator-api-key"));
        var user = await TenantProvisioning.CreateUserAsync(admin, $"bench-{name}-{Guid.NewGuid():N}", "enterprise", 1_000_000_000_000);
        return new BenchTenant(user.TenantId, app.HttpUrls("api").Select((_, replica) => Client(replica, user.ApiKey)).ToList());
    }

    /// <summary>Waits until none of the tenant's jobs is queued or running; returns how many completed.</summary>
    public async Task<long> DrainAsync(Guid tenantId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var (active, completed) = await CountAsync(tenantId);
            if (active == 0)
            {
                return completed;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{active} jobs of tenant {tenantId} still queued or running after {timeout}.");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>The workers are stopped for enqueue-only measurements and started again, healthy, after them.</summary>
    public Task StopWorkersAsync() => Task.WhenAll(WorkerServices.Select(app.StopResourceAsync));

    public async Task StartWorkersAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        foreach (var service in WorkerServices)
        {
            await app.StartResourceAsync(service);
            await app.ResourceNotifications.WaitForResourceHealthyAsync(service, timeout.Token);
        }
    }

    public async Task<DateTimeOffset> LastCompletionAsync(Guid tenantId)
    {
        await using var command = jobsDb.CreateCommand("SELECT max(completed_at) FROM jobs WHERE tenant_id = $1");
        command.Parameters.AddWithValue(tenantId);
        return new DateTimeOffset((DateTime)(await command.ExecuteScalarAsync())!, TimeSpan.Zero);
    }

    /// <summary>Accept (the API's created_at) to handler start (the claim's started_at), over the tenant's jobs, in ms.</summary>
    public async Task<(int Jobs, double P50Ms, double P99Ms, double MaxMs)> PickupLatencyAsync(Guid tenantId)
    {
        await using var command = jobsDb.CreateCommand("""
            WITH pickup AS (SELECT extract(epoch FROM started_at - created_at) * 1000 AS ms FROM jobs WHERE tenant_id = $1)
            SELECT count(*)::int, percentile_disc(0.5) WITHIN GROUP (ORDER BY ms)::float8,
                percentile_disc(0.99) WITHIN GROUP (ORDER BY ms)::float8, max(ms)::float8
            FROM pickup
            """);
        command.Parameters.AddWithValue(tenantId);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt32(0), Math.Round(reader.GetDouble(1), 2), Math.Round(reader.GetDouble(2), 2), Math.Round(reader.GetDouble(3), 2));
    }

    public async Task<List<Guid>> JobIdsAsync(Guid tenantId, int limit)
    {
        await using var command = jobsDb.CreateCommand("SELECT id FROM jobs WHERE tenant_id = $1 LIMIT $2");
        command.Parameters.AddWithValue(tenantId);
        command.Parameters.AddWithValue(limit);
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    private async Task<(long Active, long Completed)> CountAsync(Guid tenantId)
    {
        await using var command = jobsDb.CreateCommand("""
            SELECT count(*) FILTER (WHERE status IN ('queued', 'processing')), count(*) FILTER (WHERE status = 'completed')
            FROM jobs WHERE tenant_id = $1
            """);
        command.Parameters.AddWithValue(tenantId);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private HttpClient Client(int replica, string key)
    {
        // Enough connections for an open-loop burst while the server stalls; kept alive like a browser's or a proxy's.
        var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 2048, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) })
        {
            BaseAddress = new Uri(app.HttpUrls("api")[replica]),
            Timeout = TimeSpan.FromSeconds(30),
        };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return http;
    }

    public async ValueTask DisposeAsync()
    {
        await jobsDb.DisposeAsync();
        await app.DisposeAsync();
    }
}
