namespace JobPlatform.Engine.Execution;

/// <summary>What one renewal of an attempt's lease found in the job's record.</summary>
public enum LeaseRenewal
{
    /// <summary>The attempt still holds the lease; its heartbeat is now.</summary>
    Renewed,

    /// <summary>The attempt still holds the lease, and the owner asked to cancel the job.</summary>
    CancelRequested,

    /// <summary>The job is no longer this attempt's: reclaimed by the sweeper, or finished.</summary>
    Lost,
}
