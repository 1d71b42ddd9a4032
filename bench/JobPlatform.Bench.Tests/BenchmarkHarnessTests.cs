using System.Diagnostics;
using System.Text.Json;

namespace JobPlatform.Bench.Tests;

/// <summary>
/// The benchmark's quick mode, run as users run it: it starts its own system through the AppHost, measures every
/// phase for ours and both peers, and writes the report. Keeps the harness working; the numbers are not judged here.
/// </summary>
public sealed class BenchmarkHarnessTests
{
    private static readonly string[] Systems = ["jobplatform", "bullmq", "pgboss"];

    [Fact]
    public async Task The_quick_benchmark_measures_every_phase_of_every_system_and_writes_the_report()
    {
        var output = Directory.CreateTempSubdirectory("jobplatform-bench-").FullName;
        try
        {
            var bench = new Projects.JobPlatform_Bench();
            var start = new ProcessStartInfo("dotnet", [bench.TargetPath, "--quick", "--output", output])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start)!;
            var log = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
            Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}\n{await log}\n{await errors}");

            using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "benchmarks.json")));
            var root = report.RootElement;
            var handoff = root.GetProperty("handoff")[0].GetProperty("latency");
            Assert.Equal(0, handoff.GetProperty("errors").GetInt32());
            Assert.Equal(200, handoff.GetProperty("requests").GetInt32()); // 100/s held 2 s, every request answered
            Assert.True(handoff.GetProperty("p99_ms").GetDouble() > 0);

            var backlog = root.GetProperty("backlog");
            Assert.Equal(10_000, backlog.GetProperty("created_today").GetInt32());
            foreach (var step in new[] { "empty", "with_backlog" })
            {
                Assert.Equal(0, backlog.GetProperty(step).GetProperty("latency").GetProperty("errors").GetInt32());
                Assert.Equal(200, backlog.GetProperty(step).GetProperty("latency").GetProperty("requests").GetInt32());
            }

            var throughput = root.GetProperty("throughput").EnumerateArray().ToList();
            foreach (var system in Systems)
            {
                foreach (var measure in new[] { "enqueue", "end_to_end" })
                {
                    var run = Assert.Single(throughput, t => t.GetProperty("system").GetString() == system && t.GetProperty("measure").GetString() == measure);
                    Assert.True(run.GetProperty("jobs_per_second").GetDouble() > 0, $"{system} {measure}");
                }

                var pickup = Assert.Single(root.GetProperty("pickup").EnumerateArray(), p => p.GetProperty("system").GetString() == system);
                Assert.Equal(100, pickup.GetProperty("jobs").GetInt32()); // 50/s for 2 s, every job picked up
            }

            Assert.Equal(8, root.GetProperty("ratios").GetArrayLength()); // 4 measures × 2 peers
            Assert.Equal(400, root.GetProperty("status_reads").GetProperty("latency").GetProperty("requests").GetInt32());
            Assert.Contains(root.GetProperty("handoff")[0].GetProperty("resources").EnumerateArray(),
                r => r.GetProperty("group").GetString() == "postgres" && r.GetProperty("cpu_seconds").GetDouble() > 0);
            var markdown = await File.ReadAllTextAsync(Path.Combine(output, "benchmarks.md"));
            Assert.Contains("## Ours / theirs", markdown);
            Assert.Contains("| handoff 100/s | **all** |", markdown); // CPU per job, summed over the system
            Assert.Contains("## Profile analytics (seed 000)", markdown);
            var profiles = root.GetProperty("profiles");
            foreach (var step in new[] { "cached_get", "uncached_get" })
            {
                var latency = profiles.GetProperty(step).GetProperty("latency");
                Assert.Equal(0, latency.GetProperty("errors").GetInt32());
                Assert.Equal(1000, latency.GetProperty("requests").GetInt32()); // 500/s held 2 s
            }

            Assert.Equal(1000, profiles.GetProperty("uncached_jobs_cancelled").GetInt32()); // every job the handoff made, none run
            Assert.Equal(50, profiles.GetProperty("analyses").GetProperty("jobs_started").GetInt32());
            Assert.Contains("### Analyses per minute at 50 concurrent users", markdown);
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }
}
