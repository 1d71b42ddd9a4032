using System.Diagnostics;
using JobPlatform.Hosting;
using JobPlatform.Hosting.Orchestration;
using JobPlatform.Hosting.Testing;
using JobPlatform.Tests.Infrastructure;

namespace JobPlatform.Tests.Hosting;

/// <summary>A server restarted behind the AppHost's back: tracked again once it answers, and stopped with the app.</summary>
[Collection(AppHostCollection.Name)]
public sealed class ServerAdoptionTests
{
    [Fact]
    public async Task A_postgresql_restarted_with_pg_ctl_is_adopted_and_stopped_with_the_app()
    {
        var builder = DistributedApplicationTestingBuilder.Create();
        builder.AddPostgres("postgres");
        var app = builder.Build();
        var dataDirectory = app.Options.DataDirectory;
        ProcessIdentity? adopted;
        try
        {
            await app.StartAsync();
            await app.ResourceNotifications.WaitForResourceHealthyAsync("postgres", Timeout());
            var original = Assert.Single(Assert.Single(app.GetResourceSnapshots()).ProcessIds);

            await PgCtlRestartAsync(Path.Combine(dataDirectory, "postgres"));

            var restarted = Assert.Single(await app.ResourceNotifications.WaitForResourceAsync("postgres",
                s => s is { State: ResourceState.Running, Health: HealthStatus.Healthy } && !s.ProcessIds.Contains(original), Timeout()));
            Assert.Null(restarted.Error);
            Assert.Equal(1, restarted.Restarts);
            Assert.Equal(original, restarted.LastExit?.ProcessId);
            Assert.Equal(0, restarted.LastExit?.ExitCode); // pg_ctl asked for a fast shutdown
            adopted = LinuxProcesses.Find(Assert.Single(restarted.ProcessIds));
            Assert.NotNull(adopted);
        }
        finally
        {
            await app.DisposeAsync();
        }

        Assert.False(LinuxProcesses.IsAlive(adopted), $"the adopted postmaster {adopted.ProcessId} outlived the app");
        Assert.Empty(LinuxProcesses.Mentioning(dataDirectory));
    }

    [Fact]
    public async Task A_redis_started_again_by_hand_after_a_crash_is_adopted_and_stopped_with_the_app()
    {
        var builder = DistributedApplicationTestingBuilder.Create();
        builder.AddRedis("redis");
        var app = builder.Build();
        var dataDirectory = app.Options.DataDirectory;
        ProcessIdentity? adopted;
        try
        {
            await app.StartAsync();
            await app.ResourceNotifications.WaitForResourceHealthyAsync("redis", Timeout());
            var original = Assert.Single(Assert.Single(app.GetResourceSnapshots()).ProcessIds);

            Process.GetProcessById(original).Kill();
            var failed = Assert.Single(await app.ResourceNotifications.WaitForResourceAsync("redis", s => s.State == ResourceState.Failed, Timeout()));
            Assert.Equal(137, failed.ExitCode);
            // As an operator would: with its config, detached from any session of ours.
            await RunAsync("sh", ["-c", "setsid --fork redis-server \"$0\" > /dev/null 2>&1", Path.Combine(dataDirectory, "redis", "redis.conf")]);

            var restarted = Assert.Single(await app.ResourceNotifications.WaitForResourceAsync("redis",
                s => s is { State: ResourceState.Running, Health: HealthStatus.Healthy }, Timeout()));
            Assert.Null(restarted.ExitCode);
            Assert.Equal(1, restarted.Restarts);
            Assert.Equal(new int?[] { original, 137 }, new[] { restarted.LastExit?.ProcessId, restarted.LastExit?.ExitCode });
            adopted = LinuxProcesses.Find(Assert.Single(restarted.ProcessIds));
            Assert.NotNull(adopted);
            Assert.NotEqual(original, adopted.ProcessId);
        }
        finally
        {
            await app.DisposeAsync();
        }

        Assert.False(LinuxProcesses.IsAlive(adopted), $"the adopted redis-server {adopted.ProcessId} outlived the app");
    }

    /// <summary><c>pg_ctl restart</c> as an operator runs it: as the postgres user when we are root, as the AppHost runs the server.</summary>
    private static Task PgCtlRestartAsync(string serverDirectory)
    {
        var pgCtl = Directory.GetDirectories("/usr/lib/postgresql")
            .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var version) ? version : 0)
            .Select(d => Path.Combine(d, "bin", "pg_ctl"))
            .First(File.Exists);
        // -l: the new postmaster writes there, not into a pipe of ours that would keep this command from ending.
        string[] restart = [pgCtl, "restart", "-D", Path.Combine(serverDirectory, "data"), "-m", "fast", "-w", "-l", Path.Combine(serverDirectory, "pg_ctl.log")];
        return Environment.IsPrivilegedProcess
            ? RunAsync("runuser", ["-u", "postgres", "--", .. restart], serverDirectory)
            : RunAsync(restart[0], restart[1..], serverDirectory);
    }

    private static async Task RunAsync(string fileName, IEnumerable<string> arguments, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(fileName, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(Timeout());
        Assert.True(process.ExitCode == 0, $"{fileName} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await output}{await error}");
    }

    private static CancellationToken Timeout() => new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;
}
