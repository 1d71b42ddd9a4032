using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using JobPlatform.Hosting;
using JobPlatform.Testing;
using Npgsql;

namespace JobPlatform.Bench.Harness;

/// <summary>
/// A bench tenant, its one user (the harness reads its jobs by user, through the index the API's listing uses), and
/// that user's API clients, one per API replica, all with the same key.
/// </summary>
public sealed record BenchTenant(Guid TenantId, Guid UserId, IReadOnlyList<HttpClient> Replicas);

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
        return new BenchTenant(user.TenantId, user.UserId, app.HttpUrls("api").Select((_, replica) => Client(replica, user.ApiKey)).ToList());
    }

    /// <summary>
    /// Waits until none of the tenant's jobs is queued or running (its active-jobs counter, so that polling costs the
    /// same whatever the tenant's history); returns how many completed.
    /// </summary>
    public async Task<long> DrainAsync(BenchTenant tenant, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (await ScalarAsync<long>("""
            SELECT (t.jobs_entered - coalesce((SELECT sum(jobs) FROM tenant_job_exits x WHERE x.tenant_id = t.id), 0))::bigint FROM tenants t WHERE t.id = $1
            """, tenant.TenantId) is var active and > 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{active} jobs of tenant {tenant.TenantId} still queued or running after {timeout}.");
            }

            await Task.Delay(200);
        }

        return await ScalarAsync<long>("SELECT count(*) FROM jobs WHERE user_id = $1 AND status = 'completed'", tenant.UserId);
    }

    /// <summary>
    /// Gives <paramref name="tenant"/> <paramref name="createdToday"/> finished jobs from earlier today, and the normal
    /// lane <paramref name="queuedInLane"/> queued jobs of another tenant, due tomorrow and already on their queue (so no
    /// worker and no outbox touches them), with the counters that accept would have kept for them; then vacuums and
    /// checkpoints, so that the step measured next does not pay for this load's maintenance.
    /// </summary>
    public async Task AddBacklogAsync(BenchTenant tenant, BenchTenant parked, int createdToday, int queuedInLane)
    {
        await using (var batch = jobsDb.CreateBatch())
        {
            batch.Timeout = 600;
            batch.BatchCommands.Add(new("BEGIN"));
            batch.BatchCommands.Add(Command("""
                INSERT INTO jobs (id, tenant_id, user_id, job_type, priority, status, parameters, cost, attempts, max_attempts,
                    created_at, run_after, started_at, completed_at, enqueued)
                SELECT gen_random_uuid(), $1, $2, 'diagnostic', 'normal', 'completed', '{}', 1, 1, 4, now(), now(), now(), now(), true
                FROM generate_series(1, $3)
                """, tenant.TenantId, tenant.UserId, createdToday));
            batch.BatchCommands.Add(Command("""
                INSERT INTO jobs (id, tenant_id, user_id, job_type, priority, status, parameters, cost, max_attempts, created_at, run_after, enqueued)
                SELECT gen_random_uuid(), $1, $2, 'diagnostic', 'normal', 'queued', '{}', 1, 4, now(), now() + interval '1 day', true
                FROM generate_series(1, $3)
                """, parked.TenantId, parked.UserId, queuedInLane));
            // The finished jobs count for the day only; the parked ones for the day and as active.
            batch.BatchCommands.Add(Command("""
                UPDATE tenants t SET jobs_today = CASE WHEN jobs_day = (now() AT TIME ZONE 'UTC')::date THEN jobs_today ELSE 0 END + c.today,
                    jobs_day = (now() AT TIME ZONE 'UTC')::date, jobs_entered = jobs_entered + c.entered
                FROM unnest($1::uuid[], $2::int[], $3::int[]) AS c(id, today, entered)
                WHERE t.id = c.id
                """, new[] { tenant.TenantId, parked.TenantId }, new[] { createdToday, queuedInLane }, new[] { 0, queuedInLane }));
            batch.BatchCommands.Add(Command("UPDATE lanes SET jobs_entered = jobs_entered + $1 WHERE priority = 'normal'", queuedInLane));
            batch.BatchCommands.Add(new("COMMIT"));
            await batch.ExecuteNonQueryAsync();
        }

        await ScalarAsync<object>("VACUUM (ANALYZE) jobs");
        await ScalarAsync<object>("CHECKPOINT");
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

    public async Task<DateTimeOffset> LastCompletionAsync(BenchTenant tenant) =>
        new(await ScalarAsync<DateTime>("SELECT max(completed_at) FROM jobs WHERE user_id = $1", tenant.UserId), TimeSpan.Zero);

    /// <summary>Accept (the API's created_at) to handler start (the claim's started_at), over the tenant's jobs, in ms.</summary>
    public async Task<(int Jobs, double P50Ms, double P99Ms, double MaxMs)> PickupLatencyAsync(BenchTenant tenant)
    {
        await using var command = jobsDb.CreateCommand("""
            WITH pickup AS (SELECT extract(epoch FROM started_at - created_at) * 1000 AS ms FROM jobs WHERE user_id = $1)
            SELECT count(*)::int, percentile_disc(0.5) WITHIN GROUP (ORDER BY ms)::float8,
                percentile_disc(0.99) WITHIN GROUP (ORDER BY ms)::float8, max(ms)::float8
            FROM pickup
            """);
        command.Parameters.AddWithValue(tenant.UserId);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt32(0), Math.Round(reader.GetDouble(1), 2), Math.Round(reader.GetDouble(2), 2), Math.Round(reader.GetDouble(3), 2));
    }

    public async Task<List<Guid>> JobIdsAsync(BenchTenant tenant, int limit)
    {
        await using var command = jobsDb.CreateCommand("SELECT id FROM jobs WHERE user_id = $1 LIMIT $2");
        command.Parameters.AddWithValue(tenant.UserId);
        command.Parameters.AddWithValue(limit);
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    /// <summary>
    /// The tenant's jobs not yet finished (queued, processing, or waiting for child jobs), parents first: cancelling a
    /// parent cancels its children, so most children are finished by the time their turn comes.
    /// </summary>
    public async Task<List<Guid>> UnfinishedJobIdsAsync(BenchTenant tenant)
    {
        await using var command = jobsDb.CreateCommand("""
            SELECT id FROM jobs WHERE user_id = $1 AND status IN ('queued', 'processing', 'waiting') ORDER BY parent_id IS NOT NULL
            """);
        command.Parameters.AddWithValue(tenant.UserId);
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    /// <summary>Status, accept time and completion time of each of the tenant's jobs of <paramref name="jobType"/>.</summary>
    public async Task<List<(string Status, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt)>> JobTimesAsync(BenchTenant tenant, string jobType)
    {
        await using var command = jobsDb.CreateCommand("SELECT status, created_at, completed_at FROM jobs WHERE user_id = $1 AND job_type = $2");
        command.Parameters.AddWithValue(tenant.UserId);
        command.Parameters.AddWithValue(jobType);
        var jobs = new List<(string, DateTimeOffset, DateTimeOffset?)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            jobs.Add((reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1),
                reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2)));
        }

        return jobs;
    }

    /// <summary>
    /// Switches the provider sandbox's latency profile (<c>fast</c> or <c>realistic</c>,
    /// JobPlatform.ProviderSandbox/README.md); the profile belongs to one sandbox process, so every replica is told.
    /// </summary>
    public async Task SetProviderLatencyAsync(string profile)
    {
        using var http = new HttpClient();
        foreach (var url in app.HttpUrls("providers"))
        {
            using var body = new StringContent(JsonSerializer.Serialize(new { profile }), Encoding.UTF8, "application/json");
            (await http.PutAsync($"{url}/_sandbox/latency", body)).EnsureSuccessStatusCode();
        }
    }

    private async Task<T> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var command = jobsDb.CreateCommand(sql);
        command.CommandTimeout = 600;
        foreach (var parameter in parameters)
        {
            command.Parameters.AddWithValue(parameter);
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return command;
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
