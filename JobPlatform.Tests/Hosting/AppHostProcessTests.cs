using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;
using System.Net;
using System.Text.Json;
using JobPlatform.Testing;
using JobPlatform.Tests.Infrastructure;

namespace JobPlatform.Tests.Hosting;

/// <summary>The built AppHost as a user runs it (its own process, console and dashboard), rather than in the test process.</summary>
[Collection(AppHostCollection.Name)]
public sealed class AppHostProcessTests
{
    [Fact]
    public async Task Every_process_of_a_run_dies_with_the_apphost_even_when_it_is_sigkilled()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("jobplatform-test-").FullName;
        var dashboard = new Uri($"http://127.0.0.1:{FreePort()}");
        var appHost = new Projects.JobPlatform_AppHost();
        var output = new ConcurrentQueue<string>();
        using var process = new Process
        {
            StartInfo = new ProcessStartInfo("dotnet")
            {
                ArgumentList =
                {
                    appHost.TargetPath, $"--AppHost:DataDirectory={dataDirectory}", "--AppHost:RandomizePorts=true",
                    $"--Dashboard:Url={dashboard}", "--Dashboard:Unsecured=true",
                },
                WorkingDirectory = Path.GetDirectoryName(appHost.ProjectPath)!,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            },
        };
        process.OutputDataReceived += (_, e) => Keep(output, e.Data);
        process.ErrorDataReceived += (_, e) => Keep(output, e.Data);
        List<ProcessIdentity> run = [];
        try
        {
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            using var http = new HttpClient { BaseAddress = dashboard };
            List<int> resourceProcesses;
            try
            {
                resourceProcesses = await Eventually.ReturnsAsync(() => ProcessesOnceHealthyAsync(http), pids => pids is not null,
                    TopologyStarter.StartTimeout, "every resource of the AppHost to be healthy") ?? [];
            }
            catch (TimeoutException timeout)
            {
                throw new TimeoutException($"{timeout.Message}\nAppHost output:\n{string.Join('\n', output)}", timeout);
            }

            run = LinuxProcesses.Tree(process.Id);
            Assert.Equal(10, resourceProcesses.Count); // redis, postgres, epmd + rabbitmq, 2 api, 2 workers, ai-workers, providers
            Assert.All(resourceProcesses, pid => Assert.Contains(run, p => p.ProcessId == pid));

            process.Kill(); // SIGKILL: the AppHost gets no chance to stop anything itself.
            await process.WaitForExitAsync();

            var survivors = await Eventually.ReturnsAsync(
                () => Task.FromResult(string.Join(", ", run.Where(LinuxProcesses.IsAlive).Select(p => LinuxProcesses.CommandLine(p.ProcessId)))),
                alive => alive.Length == 0, TimeSpan.FromSeconds(20), "every process of the run to die after the AppHost");
            Assert.Empty(survivors);
            Assert.Empty(LinuxProcesses.Mentioning(dataDirectory));
        }
        finally
        {
            // Whatever the outcome, leave nothing running for the next test or another run on this machine.
            if (!process.HasExited)
            {
                process.Kill();
            }

            foreach (var survivor in run.Where(LinuxProcesses.IsAlive))
            {
                try
                {
                    Process.GetProcessById(survivor.ProcessId).Kill();
                }
                catch (ArgumentException)
                {
                    // It exited meanwhile.
                }
            }

            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    /// <summary>Every resource's process ids from the dashboard's JSON once all are healthy; null before (or before it listens).</summary>
    private static async Task<List<int>?> ProcessesOnceHealthyAsync(HttpClient http)
    {
        try
        {
            using var resources = JsonDocument.Parse(await http.GetStringAsync("/api/resources?lines=0"));
            var rows = resources.RootElement.EnumerateArray().ToList();
            return rows.Count > 0 && rows.All(r => r.GetProperty("health").GetString() == "Healthy")
                ? rows.SelectMany(r => r.GetProperty("process_ids").EnumerateArray().Select(p => p.GetInt32())).ToList()
                : null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    private static void Keep(ConcurrentQueue<string> output, string? line)
    {
        if (line is null)
        {
            return;
        }

        output.Enqueue(line);
        while (output.Count > 200)
        {
            output.TryDequeue(out _);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
