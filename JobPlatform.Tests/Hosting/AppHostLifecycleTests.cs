using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;
using JobPlatform.Hosting;
using JobPlatform.Hosting.Testing;
using JobPlatform.Tests.Infrastructure;

namespace JobPlatform.Tests.Hosting;

/// <summary>Starts and stops a topology of its own, so it shares the collection that keeps server starts sequential.</summary>
[Collection(AppHostCollection.Name)]
public sealed class AppHostLifecycleTests
{
    private const string ConfiguredApifyToken = "configured-apify-token";

    [Fact]
    public async Task The_dashboard_lists_every_resource_and_a_restarted_replica_and_stopping_the_app_leaves_no_process()
    {
        var dashboard = new Uri($"http://127.0.0.1:{FreePort()}");
        // A credential from configuration, as Aspire reads parameters: used, never shown (read when the AppHost builds).
        Environment.SetEnvironmentVariable("Parameters__apify-token", ConfiguredApifyToken);
        DistributedApplication app;
        try
        {
            app = await AppHostFixture.StartAsync(o => o with { DashboardUrl = dashboard, DashboardToken = "test-token" });
        }
        finally
        {
            Environment.SetEnvironmentVariable("Parameters__apify-token", null);
        }

        string dataDirectory = app.Options.DataDirectory;
        List<int> processIds;
        try
        {
            using var http = new HttpClient { BaseAddress = dashboard };
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/resources")).StatusCode);
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "test-token");
            using var resources = JsonDocument.Parse(await http.GetStringAsync("/api/resources"));
            var rows = resources.RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("name").GetString()!);

            Assert.Equal(
                ["ai-workers", "api-1", "api-2", "apify-token", "demo-key-enterprise", "demo-key-free", "demo-key-premium", "demo-key-standard",
                 "facebook-access-token", "jobsdb", "media-store-access-key", "media-store-secret-key", "messaging", "openai-api-key",
                 "operator-api-key", "postgres", "providers", "redis", "workers-1", "workers-2"],
                rows.Keys.Order());
            Assert.All(rows.Values, r => Assert.Equal("Healthy", r.GetProperty("health").GetString()));
            Assert.StartsWith("http://localhost:", rows["api-1"].GetProperty("urls")[0].GetString());
            Assert.Equal(ConfiguredApifyToken, app.GetParameterValue("apify-token"));
            Assert.Equal(JsonValueKind.Null, rows["apify-token"].GetProperty("value").ValueKind);
            // The demo tenants' keys, as shown, work against the API.
            using var demo = app.CreateHttpClient("api");
            demo.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", rows["demo-key-free"].GetProperty("value").GetString());
            Assert.Equal(HttpStatusCode.OK, (await demo.GetAsync("/api/v1/jobs")).StatusCode);

            // A crashed service replica is started again by the AppHost, and the dashboard shows it.
            Assert.Equal(0, rows["ai-workers"].GetProperty("restarts").GetInt32());
            var crashed = rows["ai-workers"].GetProperty("process_ids")[0].GetInt32();
            Process.GetProcessById(crashed).Kill();
            var restarted = await Eventually.ReturnsAsync(async () => await RowAsync(http, "ai-workers"),
                r => r.GetProperty("restarts").GetInt32() == 1 && r.GetProperty("health").GetString() == "Healthy",
                TimeSpan.FromSeconds(60), "ai-workers to be restarted and healthy");
            Assert.Equal("Running", restarted.GetProperty("state").GetString());
            Assert.Equal(crashed, restarted.GetProperty("last_exit").GetProperty("process_id").GetInt32());
            Assert.Equal(137, restarted.GetProperty("last_exit").GetProperty("exit_code").GetInt32()); // 128 + SIGKILL
            Assert.NotEqual(crashed, restarted.GetProperty("process_ids")[0].GetInt32());
            processIds = app.GetResourceSnapshots().SelectMany(s => s.ProcessIds).ToList();
            Assert.Equal(10, processIds.Count); // redis, postgres, epmd + rabbitmq, 2 api, 2 workers, ai-workers, providers
        }
        finally
        {
            await app.DisposeAsync();
        }

        Assert.All(processIds, pid => Assert.False(Directory.Exists($"/proc/{pid}"), $"process {pid} outlived the app"));
        Assert.Empty(LinuxProcesses.Mentioning(dataDirectory));
        Assert.False(Directory.Exists(dataDirectory));
    }

    [Fact]
    public async Task A_missing_server_binary_fails_fast_naming_the_package_to_install()
    {
        var emptyDirectory = Directory.CreateTempSubdirectory().FullName;
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.JobPlatform_AppHost>(
            o => o with { ExecutableSearchPath = [emptyDirectory] });
        await using var app = builder.Build();

        var error = await Assert.ThrowsAsync<DistributedApplicationException>(() => app.StartAsync());

        Assert.Contains("redis-server", error.Message);
        Assert.Contains("sudo apt-get install -y redis-server postgresql rabbitmq-server erlang-base", error.Message);
        Assert.Empty(app.GetResourceSnapshots());
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<JsonElement> RowAsync(HttpClient dashboard, string name)
    {
        using var resources = JsonDocument.Parse(await dashboard.GetStringAsync("/api/resources?lines=0"));
        return resources.RootElement.EnumerateArray().Single(r => r.GetProperty("name").GetString() == name).Clone();
    }
}
