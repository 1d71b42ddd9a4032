using JobPlatform.Bench.Load;
using JobPlatform.Bench.Harness;

namespace JobPlatform.Bench.Reporting;

/// <summary>Everything one run measured; written as docs/benchmarks.json and rendered as docs/benchmarks.md.</summary>
public sealed record BenchReport(
    string Profile,
    DateTimeOffset StartedAt,
    double DurationSeconds,
    MachineInfo Machine,
    string Command,
    IReadOnlyList<SystemDurability> Durability,
    IReadOnlyList<LoadStep> Handoff,
    SustainableResult Sustainable,
    BacklogResult Backlog,
    IReadOnlyList<ThroughputRun> Throughput,
    IReadOnlyList<PickupRun> Pickup,
    LoadStep StatusReads,
    IReadOnlyList<PeerRatio> Ratios,
    ProfileAnalyticsResult Profiles);

public sealed record MachineInfo(int Cores, double MemoryGb, string Cpu, string Os, string Runtime);

public sealed record SystemDurability(string System, string Setting);

/// <summary>One open-loop step and what each process spent during it.</summary>
public sealed record LoadStep(LatencySummary Latency, IReadOnlyList<ResourceUsage> Resources);

/// <summary>The highest step that passed, and the CPU split at that step: where the time goes.</summary>
public sealed record SustainableResult(double? MaxAcceptedPerSecond, string Bottleneck, IReadOnlyList<LoadStep> Steps);

/// <summary>
/// The same handoff step for one tenant before and after it has <see cref="CreatedToday"/> jobs from earlier today and
/// its lane <see cref="QueuedInLane"/> queued ones: accept's cost must not depend on them.
/// </summary>
public sealed record BacklogResult(int CreatedToday, int QueuedInLane, LoadStep Empty, LoadStep WithBacklog)
{
    public double P99Ratio => Math.Round(WithBacklog.Latency.P99Ms / Empty.Latency.P99Ms, 2);
}

/// <summary>Jobs/s of one round: <c>enqueue</c> (taking jobs, no worker running) or <c>end_to_end</c> (first accept to last completion).</summary>
public sealed record ThroughputRun(string System, string Measure, int Round, int Jobs, double Seconds, double JobsPerSecond, IReadOnlyList<ResourceUsage> Resources);

/// <summary>Accept (or add) to handler start.</summary>
public sealed record PickupRun(string System, int Jobs, double P50Ms, double P99Ms, double MaxMs, IReadOnlyList<ResourceUsage> Resources);

/// <summary>Ours divided by theirs; <see cref="Better"/> says which direction wins for this measure.</summary>
public sealed record PeerRatio(string Measure, string Peer, double Ours, double Theirs, double Ratio, string Better);
