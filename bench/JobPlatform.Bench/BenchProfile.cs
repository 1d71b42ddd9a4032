namespace JobPlatform.Bench;

/// <summary>How long and how hard each phase runs: the full run for docs/benchmarks.md, or a seconds-long check of the harness.</summary>
public sealed record BenchProfile(
    string Name,
    int WarmUpJobs,
    double[] HandoffRates,
    TimeSpan HandoffHold,
    double[] SustainableRates,
    TimeSpan SustainableHold,
    double BacklogRate,
    TimeSpan BacklogHold,
    int BacklogCreatedToday,
    int BacklogQueued,
    int ThroughputJobs,
    int ThroughputRounds,
    double PickupRate,
    TimeSpan PickupHold,
    double StatusReadRate,
    TimeSpan StatusReadHold,
    int ProfileFreshUsernames,
    double ProfileReadRate,
    TimeSpan ProfileCachedHold,
    TimeSpan ProfileUncachedHold,
    int ProfileUsers,
    string ProfileLatency,
    TimeSpan ProfileWindow)
{
    /// <summary>Jobs in flight from the producer in the closed-loop phases, ours and the peers'.</summary>
    public const int Outstanding = 64;

    /// <summary>Workers' concurrency in the end-to-end phase: 2 worker replicas × the normal lane's 8, matched for the peers.</summary>
    public const int WorkerConcurrency = 16;

    /// <summary>A latency step passes when p99 stays under this, with no error and the rate held.</summary>
    public static readonly TimeSpan SustainableP99 = TimeSpan.FromMilliseconds(50);

    public static readonly BenchProfile Full = new("full", WarmUpJobs: 5000,
        [250, 500, 1000, 2000], TimeSpan.FromSeconds(30),
        [3000, 4000, 5000, 6000, 8000], TimeSpan.FromSeconds(20),
        BacklogRate: 1000, BacklogHold: TimeSpan.FromSeconds(30), BacklogCreatedToday: 1_000_000, BacklogQueued: 1_000,
        ThroughputJobs: 10_000, ThroughputRounds: 3,
        PickupRate: 200, PickupHold: TimeSpan.FromSeconds(30),
        StatusReadRate: 2000, StatusReadHold: TimeSpan.FromSeconds(30),
        ProfileFreshUsernames: 20, ProfileReadRate: 500, ProfileCachedHold: TimeSpan.FromSeconds(30), ProfileUncachedHold: TimeSpan.FromSeconds(10),
        ProfileUsers: 1000, ProfileLatency: "realistic", ProfileWindow: TimeSpan.FromMinutes(5));

    public static readonly BenchProfile Quick = new("quick", WarmUpJobs: 300,
        [100], TimeSpan.FromSeconds(2),
        [200], TimeSpan.FromSeconds(2),
        BacklogRate: 100, BacklogHold: TimeSpan.FromSeconds(2), BacklogCreatedToday: 10_000, BacklogQueued: 100,
        ThroughputJobs: 300, ThroughputRounds: 1,
        PickupRate: 50, PickupHold: TimeSpan.FromSeconds(2),
        StatusReadRate: 200, StatusReadHold: TimeSpan.FromSeconds(2),
        // The analyses step only checks the harness here: the sandbox stays fast (a realistic run takes minutes).
        ProfileFreshUsernames: 10, ProfileReadRate: 500, ProfileCachedHold: TimeSpan.FromSeconds(2), ProfileUncachedHold: TimeSpan.FromSeconds(2),
        ProfileUsers: 50, ProfileLatency: "fast", ProfileWindow: TimeSpan.FromSeconds(10));
}
