namespace JobPlatform.Engine.Jobs;

/// <summary>The engine's rules, section <c>Jobs</c>; defaults are the numbers of docs/requirements.md R-003-3 (lanes), R-003-4 (tiers) and R-003-7 (retries).</summary>
public sealed class JobEngineOptions
{
    public const string SectionName = "Jobs";

    public Dictionary<string, LaneOptions> Lanes { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        [Priorities.Critical] = new() { MaxQueued = 50, Concurrency = 3, Timeout = TimeSpan.FromSeconds(30) },
        [Priorities.High] = new() { MaxQueued = 200, Concurrency = 5, Timeout = TimeSpan.FromMinutes(2) },
        [Priorities.Normal] = new() { MaxQueued = 500, Concurrency = 8, Timeout = TimeSpan.FromMinutes(5) },
        [Priorities.Low] = new() { MaxQueued = 1000, Concurrency = 4, Timeout = TimeSpan.FromMinutes(10) },
    };

    public Dictionary<string, TierOptions> Tiers { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["free"] = new() { MaxConcurrent = 2, DailyLimit = 50, RequestsPerSecond = 5, RequestBurst = 10 },
        ["standard"] = new() { MaxConcurrent = 5, DailyLimit = 500, RequestsPerSecond = 20, RequestBurst = 40 },
        ["premium"] = new() { MaxConcurrent = 10, DailyLimit = 2000, RequestsPerSecond = 50, RequestBurst = 100 },
        ["enterprise"] = new() { MaxConcurrent = 20, DailyLimit = null, RequestsPerSecond = 200, RequestBurst = 400 },
    };

    public static readonly TimeSpan[] DefaultRetryDelays = [TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(300)];

    /// <summary>
    /// Delay before attempt 2, 3, 4... (see <see cref="Retries"/>).
    /// Empty here and defaulted after binding: the configuration binder appends to a collection's initial items.
    /// </summary>
    public TimeSpan[] RetryDelays { get; set; } = [];

    public RetryPolicy Retries => new(RetryDelays);

    /// <summary>How often a running job's worker proves it is alive.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A running job whose heartbeat is older than this is returned to the queue (its worker died).</summary>
    public TimeSpan LeaseTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often workers publish due jobs (accepted while the broker was down, or due for retry) and reclaim dead leases.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Finished jobs older than this are deleted.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often the retention sweep runs.</summary>
    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromMinutes(10);

    public LaneOptions Lane(string priority) => Lanes[priority];
}
