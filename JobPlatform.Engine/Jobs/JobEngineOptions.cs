namespace JobPlatform.Engine.Jobs;

/// <summary>The engine's rules, section <c>Jobs</c>; defaults are seed 003's numbers.</summary>
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
    /// Delay before attempt 2, 3, 4...; a job gets <c>RetryDelays.Length + 1</c> attempts, then is dead-lettered.
    /// Empty here and defaulted after binding: the configuration binder appends to a collection's initial items.
    /// </summary>
    public TimeSpan[] RetryDelays { get; set; } = [];

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

public sealed class LaneOptions
{
    public int MaxQueued { get; set; }

    public int Concurrency { get; set; }

    public TimeSpan Timeout { get; set; }
}

public sealed class TierOptions
{
    public int MaxConcurrent { get; set; }

    /// <summary>Jobs a tenant may submit per UTC day; null is unlimited.</summary>
    public int? DailyLimit { get; set; }

    /// <summary>Requests one API key may send, sustained, to any endpoint (enforced by the API across its replicas).</summary>
    public double RequestsPerSecond { get; set; } = 10;

    /// <summary>Requests one API key may send at once on top of that rate: a bucket this size, refilled at <see cref="RequestsPerSecond"/>.</summary>
    public int RequestBurst { get; set; } = 20;
}

public static class Priorities
{
    public const string Critical = "critical";
    public const string High = "high";
    public const string Normal = "normal";
    public const string Low = "low";

    public static readonly string[] All = [Critical, High, Normal, Low];
}

/// <summary>The canonical status words. Seed 004's pending is queued, and its running is processing.</summary>
public static class JobStatuses
{
    public const string Queued = "queued";
    public const string Processing = "processing";
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";

    public static readonly string[] All = [Queued, Processing, Completed, Failed, Cancelled];

    public static bool IsTerminal(string status) => status is Completed or Failed or Cancelled;
}
