namespace JobPlatform.Engine.Jobs;

/// <summary>What a tenant of one tier may do (section <c>Jobs:Tiers:{tier}</c>).</summary>
public sealed class TierOptions
{
    /// <summary>Jobs a tenant may have queued or running at once.</summary>
    public int MaxConcurrent { get; set; }

    /// <summary>Jobs a tenant may submit per UTC day; null is unlimited.</summary>
    public int? DailyLimit { get; set; }

    /// <summary>Requests one API key may send, sustained, to any endpoint (enforced by the API across its replicas).</summary>
    public double RequestsPerSecond { get; set; } = 10;

    /// <summary>Requests one API key may send at once on top of that rate: a bucket this size, refilled at <see cref="RequestsPerSecond"/>.</summary>
    public int RequestBurst { get; set; } = 20;
}
