using System.Diagnostics;
using System.Net;
using System.Text.Json;
using JobPlatform.Hosting;
using JobPlatform.Hosting.Orchestration;
using JobPlatform.Tests.Infrastructure;

namespace JobPlatform.Tests.Hosting;

[Collection(AppHostCollection.Name)]
public sealed class ServiceHealthTests(AppHostFixture fixture)
{
    private static readonly string[] DependencyChecks = ["StackExchange.Redis", "JobsDbContext", "RabbitMQ.Client"];

    public static TheoryData<string> Services => new(AppHostFixture.Services);

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Health_of_every_replica_reports_redis_postgres_and_rabbitmq_healthy(string service)
    {
        foreach (var url in fixture.App.HttpUrls(service))
        {
            using var http = new HttpClient();
            using var response = await http.GetAsync(url + "/health");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var entries = await HealthEntriesAsync(response);
            foreach (var check in DependencyChecks)
            {
                Assert.Equal("Healthy", entries[check]);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Alive_answers_with_only_the_liveness_check(string service)
    {
        using var http = fixture.App.CreateHttpClient(service);
        using var response = await http.GetAsync("/alive");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["self"], (await HealthEntriesAsync(response)).Keys);
    }

    [Fact]
    public async Task Killing_a_server_turns_health_unhealthy_and_the_apphost_reports_it_failed_until_restarted()
    {
        var app = fixture.App;
        var redis = Assert.Single(app.GetResourceSnapshots(), s => s.Name == "redis");
        using var http = app.CreateHttpClient("api");

        Process.GetProcessById(Assert.Single(redis.ProcessIds)).Kill();

        var failed = Assert.Single(await app.ResourceNotifications.WaitForResourceAsync(
            "redis", s => s.State == ResourceState.Failed, Timeout()));
        Assert.Equal(137, failed.ExitCode); // 128 + SIGKILL
        Assert.NotEmpty(failed.RecentOutput);
        var unhealthy = await Eventually.ReturnsAsync(
            () => http.GetAsync("/health"), r => r.StatusCode == HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(30), "api /health to fail");
        Assert.Equal("Unhealthy", (await HealthEntriesAsync(unhealthy))["StackExchange.Redis"]);

        await app.StartResourceAsync("redis");
        await app.ResourceNotifications.WaitForResourceHealthyAsync("redis", Timeout());
        await Eventually.ReturnsAsync(
            () => http.GetAsync("/health"), r => r.StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(30), "api /health to recover");
    }

    [Fact]
    public async Task A_killed_service_replica_comes_back_by_itself_after_a_backoff_that_grows_while_it_keeps_crashing()
    {
        var app = fixture.App;
        var before = Replica(app, "api-2");
        // Kept healthy until now, so its backoff starts at 1 s; killed again as soon as it is back, it waits 2 s.
        foreach (var (crash, delay) in new[] { (1, 1), (2, 2) })
        {
            var pid = Assert.Single(Replica(app, "api-2").ProcessIds);
            Process.GetProcessById(pid).Kill();

            var restarting = await WaitForApi2Async(app, s => s.State == ResourceState.Restarting);
            Assert.Equal(137, restarting.ExitCode);
            Assert.Equal($"process {pid} exited with code 137; restarting in {delay} s", restarting.Error);
            var restarted = await WaitForApi2Async(app, s => s is { State: ResourceState.Running, Health: HealthStatus.Healthy });
            Assert.Equal(before.Restarts + crash, restarted.Restarts);
            Assert.Equal(new int?[] { pid, 137 }, new[] { restarted.LastExit?.ProcessId, restarted.LastExit?.ExitCode });
            Assert.Null(restarted.Error);
        }

        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(app.HttpUrls("api")[1] + "/health")).StatusCode);
    }

    private static ResourceSnapshot Replica(DistributedApplication app, string name) =>
        Assert.Single(app.GetResourceSnapshots(), s => s.Name == name);

    private static async Task<ResourceSnapshot> WaitForApi2Async(DistributedApplication app, Func<ResourceSnapshot, bool> predicate) =>
        Assert.Single(await app.ResourceNotifications.WaitForResourceAsync("api", s => s.Name != "api-2" || predicate(s), Timeout()), s => s.Name == "api-2");

    private static CancellationToken Timeout() => new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;

    private static async Task<Dictionary<string, string>> HealthEntriesAsync(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("entries").EnumerateObject()
            .ToDictionary(e => e.Name, e => e.Value.GetProperty("status").GetString()!);
    }
}
