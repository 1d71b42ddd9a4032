using System.Globalization;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using JobPlatform.Bench.Load;
using JobPlatform.Bench.Reporting;
using JobPlatform.Bench.Harness;

namespace JobPlatform.Bench;

/// <summary>The phases of one benchmark run, in order, each with the resources it used.</summary>
public sealed partial class BenchRun(BenchSystem system, BenchProfile profile, IReadOnlyList<PeerSystem> peers, TextWriter log)
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromMinutes(10);

    // A no-op diagnostic job in the normal lane: what is measured is the platform, not a handler.
    private static readonly byte[] NoOpJob = JsonSerializer.SerializeToUtf8Bytes(new { job_type = "diagnostic", priority = "normal", parameters = new { } });

    public async Task<BenchReport> RunAsync(string command)
    {
        var started = DateTimeOffset.UtcNow;
        await WarmUpAsync();
        var handoff = new List<LoadStep>();
        foreach (var rate in profile.HandoffRates)
        {
            handoff.Add(await HandoffStepAsync("handoff", rate, profile.HandoffHold));
        }

        var sustainable = await SustainableAsync(handoff);
        var backlog = await BacklogAsync();
        var throughput = await ThroughputAsync();
        var (pickup, pickupTenant) = await PickupAsync();
        var statusReads = await StatusReadsAsync(pickupTenant, profile.StatusReadRate);
        // Last: its analyses step fills the workers for minutes, and it leaves the sandbox fast as every phase found it.
        var profiles = await ProfilesAsync();
        return new BenchReport(profile.Name, started, Math.Round((DateTimeOffset.UtcNow - started).TotalSeconds), Machine(), command,
            [new("jobplatform", "PostgreSQL fsync on, synchronous_commit on; RabbitMQ durable queues, persistent messages, publisher confirms; Redis (progress only) AOF everysec"),
             .. peers.Select(p => new SystemDurability(p.Name, p.Durability))],
            handoff, sustainable, backlog, throughput, pickup, statusReads, Ratios(throughput, pickup), profiles);
    }

    /// <summary>
    /// The quick loop for work on the hot path (bench/run.sh --handoff): warm-up, the system idle, the handoff steps,
    /// each logged with its CPU by process group, then status reads of the last step's jobs at the same rates; nothing
    /// is written.
    /// </summary>
    public async Task HandoffOnlyAsync()
    {
        await WarmUpAsync();
        log.WriteLine($"idle: {profile.HandoffHold.TotalSeconds} s");
        var (_, idle) = await Monitor().MeasureAsync(async () =>
        {
            await Task.Delay(profile.HandoffHold);
            return 0;
        });
        LogCpu(idle, profile.HandoffHold.TotalSeconds);
        BenchTenant? tenant = null;
        foreach (var rate in profile.HandoffRates)
        {
            tenant = await system.CreateTenantAsync("handoff");
            await HandoffStepAsync(tenant, "handoff", rate, profile.HandoffHold);
        }

        foreach (var rate in profile.HandoffRates)
        {
            await StatusReadsAsync(tenant!, rate);
        }
    }

    /// <summary>Unmeasured jobs first, so that no phase pays for JIT compilation, connection pools or cold caches.</summary>
    private async Task WarmUpAsync()
    {
        var tenant = await system.CreateTenantAsync("warm-up");
        log.WriteLine($"warm-up: {profile.WarmUpJobs} jobs");
        await ClosedLoopLoad.RunAsync(tenant.Replicas, profile.WarmUpJobs, BenchProfile.Outstanding, SubmitRequest);
        await system.DrainAsync(tenant, DrainTimeout);
    }

    private async Task<LoadStep> HandoffStepAsync(string phase, double rate, TimeSpan hold) =>
        await HandoffStepAsync(await system.CreateTenantAsync(phase), phase, rate, hold);

    private async Task<LoadStep> HandoffStepAsync(BenchTenant tenant, string phase, double rate, TimeSpan hold)
    {
        log.WriteLine($"{phase}: {rate}/s for {hold.TotalSeconds} s");
        var (latency, resources) = await Monitor().MeasureAsync(() => new OpenLoopLoad(tenant.Replicas).RunAsync(
            rate, hold, _ => SubmitRequest(), response => response.StatusCode == HttpStatusCode.Accepted));
        log.WriteLine($"  p50 {latency.P50Ms:F1} ms, p99 {latency.P99Ms:F1} ms, max {latency.MaxMs:F1} ms, errors {latency.Errors}");
        LogCpu(resources, latency.Requests / Math.Max(latency.AchievedPerSecond, 1));
        await system.DrainAsync(tenant, DrainTimeout);
        return new LoadStep(latency, resources);
    }

    /// <summary>Rates above the handoff steps until one misses p99 &lt; 50 ms, errs, or cannot hold its rate.</summary>
    private async Task<SustainableResult> SustainableAsync(IReadOnlyList<LoadStep> handoff)
    {
        var steps = new List<LoadStep>();
        foreach (var rate in profile.SustainableRates)
        {
            var step = await HandoffStepAsync("sustainable", rate, profile.SustainableHold);
            steps.Add(step);
            if (!Passes(step))
            {
                break;
            }
        }

        var best = handoff.Concat(steps).Where(Passes).MaxBy(s => s.Latency.TargetPerSecond);
        var atLimit = steps.FirstOrDefault(s => !Passes(s)) ?? steps[^1];
        var seconds = atLimit.Latency.Requests / Math.Max(atLimit.Latency.AchievedPerSecond, 1);
        var split = string.Join(", ", atLimit.Resources.OrderByDescending(r => r.CpuSeconds)
            .Select(r => $"{r.Group} {r.CpuSeconds / seconds:F2}"));
        var bottleneck = $"At {atLimit.Latency.TargetPerSecond}/s, CPU cores busy by process: {split} (of {Environment.ProcessorCount}).";
        return new SustainableResult(best?.Latency.TargetPerSecond, bottleneck, steps);
    }

    private static bool Passes(LoadStep step) =>
        step.Latency.Errors == 0
        && step.Latency.P99Ms < BenchProfile.SustainableP99.TotalMilliseconds
        && step.Latency.AchievedPerSecond >= 0.95 * step.Latency.TargetPerSecond;

    /// <summary>
    /// One tenant's handoff step, then the same step once that tenant has a day's worth of jobs and its lane a queue:
    /// accept reads counters, not rows, so the two should not differ.
    /// </summary>
    private async Task<BacklogResult> BacklogAsync()
    {
        var tenant = await system.CreateTenantAsync("backlog");
        var empty = await HandoffStepAsync(tenant, "backlog (empty)", profile.BacklogRate, profile.BacklogHold);
        log.WriteLine($"backlog: adding {profile.BacklogCreatedToday} jobs created today and {profile.BacklogQueued} queued in the lane");
        await system.AddBacklogAsync(tenant, await system.CreateTenantAsync("parked"), profile.BacklogCreatedToday, profile.BacklogQueued);
        var withBacklog = await HandoffStepAsync(tenant, "backlog (full)", profile.BacklogRate, profile.BacklogHold);
        return new BacklogResult(profile.BacklogCreatedToday, profile.BacklogQueued, empty, withBacklog);
    }

    /// <summary>Rounds of enqueue and end-to-end throughput, ours then each peer's, so noise hits all alike.</summary>
    private async Task<List<ThroughputRun>> ThroughputAsync()
    {
        var runs = new List<ThroughputRun>();
        for (var round = 1; round <= profile.ThroughputRounds; round++)
        {
            runs.Add(await OurEnqueueAsync(round));
            runs.Add(await OurEndToEndAsync(round));
            foreach (var peer in peers)
            {
                runs.Add(await PeerThroughputAsync(peer, "enqueue", round, new { count = profile.ThroughputJobs, outstanding = BenchProfile.Outstanding }));
                runs.Add(await PeerThroughputAsync(peer, "end_to_end", round,
                    new { count = profile.ThroughputJobs, outstanding = BenchProfile.Outstanding, concurrency = BenchProfile.WorkerConcurrency }));
            }
        }

        return runs;
    }

    /// <summary>Jobs taken through the API with the workers stopped, as the peers' enqueue runs with no worker.</summary>
    private async Task<ThroughputRun> OurEnqueueAsync(int round)
    {
        var tenant = await system.CreateTenantAsync("enqueue");
        await system.StopWorkersAsync();
        var (seconds, resources) = await Monitor().MeasureAsync(async () =>
        {
            var clock = Stopwatch.StartNew();
            await ClosedLoopLoad.RunAsync(tenant.Replicas, profile.ThroughputJobs, BenchProfile.Outstanding, SubmitRequest);
            return clock.Elapsed.TotalSeconds;
        });
        await system.StartWorkersAsync();
        await system.DrainAsync(tenant, DrainTimeout);
        return Logged(new ThroughputRun("jobplatform", "enqueue", round, profile.ThroughputJobs, seconds, profile.ThroughputJobs / seconds, resources));
    }

    private async Task<ThroughputRun> OurEndToEndAsync(int round)
    {
        var tenant = await system.CreateTenantAsync("end-to-end");
        var (seconds, resources) = await Monitor().MeasureAsync(async () =>
        {
            var first = DateTimeOffset.UtcNow;
            await ClosedLoopLoad.RunAsync(tenant.Replicas, profile.ThroughputJobs, BenchProfile.Outstanding, SubmitRequest);
            var completed = await system.DrainAsync(tenant, DrainTimeout);
            if (completed != profile.ThroughputJobs)
            {
                throw new InvalidOperationException($"{completed} of {profile.ThroughputJobs} jobs completed.");
            }

            return (await system.LastCompletionAsync(tenant) - first).TotalSeconds;
        });
        return Logged(new ThroughputRun("jobplatform", "end_to_end", round, profile.ThroughputJobs, seconds, profile.ThroughputJobs / seconds, resources));
    }

    private async Task<ThroughputRun> PeerThroughputAsync(PeerSystem peer, string measure, int round, object arguments)
    {
        var (result, resources) = await PeerMeasureAsync(peer, measure == "enqueue" ? "enqueue" : "e2e", arguments);
        return Logged(new ThroughputRun(peer.Name, measure, round, result.GetProperty("jobs").GetInt32(),
            result.GetProperty("seconds").GetDouble(), result.GetProperty("jobs_per_second").GetDouble(), resources));
    }

    private async Task<(List<PickupRun> Runs, BenchTenant Tenant)> PickupAsync()
    {
        var runs = new List<PickupRun>();
        var tenant = await system.CreateTenantAsync("pickup");
        log.WriteLine($"pickup: {profile.PickupRate}/s for {profile.PickupHold.TotalSeconds} s");
        var (_, resources) = await Monitor().MeasureAsync(async () =>
        {
            await new OpenLoopLoad(tenant.Replicas).RunAsync(profile.PickupRate, profile.PickupHold, _ => SubmitRequest(),
                response => response.StatusCode == HttpStatusCode.Accepted);
            return await system.DrainAsync(tenant, DrainTimeout);
        });
        var (jobs, p50, p99, max) = await system.PickupLatencyAsync(tenant);
        runs.Add(Logged(new PickupRun("jobplatform", jobs, p50, p99, max, resources)));
        foreach (var peer in peers)
        {
            var (result, peerResources) = await PeerMeasureAsync(peer, "pickup",
                new { rate = profile.PickupRate, seconds = profile.PickupHold.TotalSeconds, concurrency = BenchProfile.WorkerConcurrency });
            runs.Add(Logged(new PickupRun(peer.Name, result.GetProperty("picked_up").GetInt32(), result.GetProperty("p50_ms").GetDouble(),
                result.GetProperty("p99_ms").GetDouble(), result.GetProperty("max_ms").GetDouble(), peerResources)));
        }

        return (runs, tenant);
    }

    /// <summary>Status reads of the pickup phase's finished jobs, at a constant rate.</summary>
    private async Task<LoadStep> StatusReadsAsync(BenchTenant tenant, double rate)
    {
        var ids = await system.JobIdsAsync(tenant, limit: 1000);
        log.WriteLine($"status reads: {rate}/s for {profile.StatusReadHold.TotalSeconds} s");
        var (latency, resources) = await Monitor().MeasureAsync(() => new OpenLoopLoad(tenant.Replicas).RunAsync(
            rate, profile.StatusReadHold,
            i => new HttpRequestMessage(HttpMethod.Get, $"/api/v1/jobs/{ids[i % ids.Count]}/status"),
            response => response.StatusCode == HttpStatusCode.OK));
        log.WriteLine($"  p50 {latency.P50Ms:F1} ms, p99 {latency.P99Ms:F1} ms, errors {latency.Errors}");
        LogCpu(resources, profile.StatusReadHold.TotalSeconds);
        return new LoadStep(latency, resources);
    }

    private async Task<(JsonElement Result, IReadOnlyList<ResourceUsage> Resources)> PeerMeasureAsync(PeerSystem peer, string phase, object arguments)
    {
        log.WriteLine($"{peer.Name} {phase}: {JsonSerializer.Serialize(arguments)}");
        var (result, resources) = await Monitor().MeasureAsync(() => peer.RunAsync(phase, arguments));
        return (result, [.. resources.Where(r => r.Group is "redis" or "postgres"),
            new ResourceUsage($"{peer.Name} (node)", result.GetProperty("cpu_seconds").GetDouble(), result.GetProperty("peak_rss_mb").GetDouble())]);
    }

    private static List<PeerRatio> Ratios(IReadOnlyList<ThroughputRun> throughput, IReadOnlyList<PickupRun> pickup)
    {
        double Median(IEnumerable<double> values)
        {
            var sorted = values.Order().ToArray();
            return sorted.Length == 0 ? double.NaN : sorted[sorted.Length / 2];
        }

        var ratios = new List<PeerRatio>();
        var ours = pickup.Single(p => p.System == "jobplatform");
        foreach (var peer in throughput.Select(t => t.System).Concat(pickup.Select(p => p.System)).Distinct().Where(s => s != "jobplatform"))
        {
            foreach (var measure in new[] { "enqueue", "end_to_end" })
            {
                var our = Median(throughput.Where(t => t.System == "jobplatform" && t.Measure == measure).Select(t => t.JobsPerSecond));
                var their = Median(throughput.Where(t => t.System == peer && t.Measure == measure).Select(t => t.JobsPerSecond));
                ratios.Add(new PeerRatio($"{measure} jobs/s", peer, Math.Round(our), Math.Round(their), Math.Round(our / their, 2), "higher"));
            }

            var theirs = pickup.Single(p => p.System == peer);
            ratios.Add(new PeerRatio("pickup p50 ms", peer, ours.P50Ms, theirs.P50Ms, Math.Round(ours.P50Ms / theirs.P50Ms, 2), "lower"));
            ratios.Add(new PeerRatio("pickup p99 ms", peer, ours.P99Ms, theirs.P99Ms, Math.Round(ours.P99Ms / theirs.P99Ms, 2), "lower"));
        }

        return ratios;
    }

    private ResourceMonitor Monitor() => new(system.ProcessRoots());

    private static HttpRequestMessage SubmitRequest() =>
        new(HttpMethod.Post, "/api/v1/jobs") { Content = new ByteArrayContent(NoOpJob) { Headers = { ContentType = new("application/json") } } };

    private void LogCpu(IReadOnlyList<ResourceUsage> resources, double seconds) =>
        log.WriteLine("  CPU cores busy: " + string.Join(", ", resources.OrderByDescending(r => r.CpuSeconds)
            .Select(r => $"{r.Group} {r.CpuSeconds / seconds:F2}")) + $"; all but the load generator {resources.Where(r => r.Group != ResourceMonitor.LoadGenerator).Sum(r => r.CpuSeconds) / seconds:F2}");

    private ThroughputRun Logged(ThroughputRun run)
    {
        log.WriteLine($"{run.System} {run.Measure} round {run.Round}: {run.JobsPerSecond:F0} jobs/s ({run.Jobs} in {run.Seconds:F2} s)");
        return run;
    }

    private PickupRun Logged(PickupRun run)
    {
        log.WriteLine($"{run.System} pickup: p50 {run.P50Ms:F1} ms, p99 {run.P99Ms:F1} ms, max {run.MaxMs:F1} ms ({run.Jobs} jobs)");
        return run;
    }

    private static MachineInfo Machine()
    {
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown";
        var memoryKb = double.Parse(File.ReadLines("/proc/meminfo").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        var os = File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?["PRETTY_NAME=".Length..].Trim('"') ?? "Linux";
        return new MachineInfo(Environment.ProcessorCount, Math.Round(memoryKb / 1048576, 1), cpu, os, Environment.Version.ToString());
    }
}
