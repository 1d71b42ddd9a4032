namespace JobPlatform.Engine.Rules;

/// <summary>The rule that refused a request, in the order they are checked; the API answers each with its own status.</summary>
public enum AcceptRule
{
    /// <summary>The tier's jobs queued or running at once (<see cref="Jobs.TierOptions.MaxConcurrent"/>).</summary>
    ConcurrentJobs,

    /// <summary>The tier's jobs per UTC day (<see cref="Jobs.TierOptions.DailyLimit"/>).</summary>
    DailyJobs,

    /// <summary>The lane's queued jobs (<see cref="Jobs.LaneOptions.MaxQueued"/>): capacity of the system, not of the tenant.</summary>
    LaneCapacity,

    /// <summary>The tenant's balance does not cover the job's cost.</summary>
    Credits,
}
