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
    [Fact]
    public async Task The_dashboard_lists_every_resource_and_stopping_the_app_leaves_no_process()
    {
        var dashboard = new Uri($"http://127.0.0.1:{FreePort()}");
        var app = await AppHostFixture.StartAsync(o => o with { DashboardUrl = dashboard, DashboardToken = "test-token" });
        string dataDirectory = app.Options.DataDirectory;
        IReadOnlyList<int> processIds;
        try
        {
            using var http = new HttpClient { BaseAddress = dashboard };
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/resources")).StatusCode);
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "test-token");
            using var resources = JsonDocument.Parse(await http.GetStringAsync("/api/resources"));
            var rows = resources.RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("name").GetString()!);

            Assert.Equal(
                ["ai-workers", "api-1", "api-2", "demo-key-enterprise", "demo-key-free", "demo-key-premium", "demo-key-standard", "jobsdb", "messaging", "operator-api-key", "postgres", "redis", "workers-1", "workers-2"],
                rows.Keys.Order());
            Assert.All(rows.Values, r => Assert.Equal("Healthy", r.GetProperty("health").GetString()));
            Assert.StartsWith("http://localhost:", rows["api-1"].GetProperty("urls")[0].GetString());
            // The demo tenants' keys, as shown, work against the API.
            using var demo = app.CreateHttpClient("api");
            demo.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", rows["demo-key-free"].GetProperty("value").GetString());
            Assert.Equal(HttpStatusCode.OK, (await demo.GetAsync("/api/v1/jobs")).StatusCode);
            processIds = app.GetResourceSnapshots().SelectMany(s => s.ProcessIds).ToList();
            Assert.Equal(9, processIds.Count); // redis, postgres, epmd + rabbitmq, 2 api, 2 workers, ai-workers
        }
        finally
        {
            await app.DisposeAsync();
        }

        Assert.All(processIds, pid => Assert.False(Directory.Exists($"/proc/{pid}"), $"process {pid} outlived the app"));
        Assert.Empty(ProcessesMentioning(dataDirectory));
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

    private static List<string> ProcessesMentioning(string text) =>
        Directory.EnumerateDirectories("/proc")
            .Where(d => int.TryParse(Path.GetFileName(d), out _))
            .Select(d =>
            {
                try
                {
                    return File.ReadAllText(Path.Combine(d, "cmdline")).Replace('\0', ' ');
                }
                catch (IOException)
                {
                    return "";
                }
            })
            .Where(cmdline => cmdline.Contains(text))
            .ToList();
}
