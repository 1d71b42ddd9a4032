namespace JobPlatform.Engine.Jobs;

/// <summary>One priority lane: its own queue, its own workers, its own timeout (section <c>Jobs:Lanes:{priority}</c>).</summary>
public sealed class LaneOptions
{
    /// <summary>Queued jobs the lane holds at most; a request beyond it is refused with 503 and <c>Retry-After</c>.</summary>
    public int MaxQueued { get; set; }

    /// <summary>Jobs of this lane a worker replica runs at once (its consumer's prefetch).</summary>
    public int Concurrency { get; set; }

    /// <summary>How long one attempt may run before it is cancelled and counted as failed.</summary>
    public TimeSpan Timeout { get; set; }
}
