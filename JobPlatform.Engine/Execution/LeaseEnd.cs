namespace JobPlatform.Engine.Execution;

/// <summary>Why an attempt's lease keeping ended.</summary>
public enum LeaseEnd
{
    /// <summary>The attempt ended first; its outcome is recorded under the lease.</summary>
    AttemptEnded,

    /// <summary>The owner asked to cancel the job: the attempt stops and records the cancellation.</summary>
    CancelRequested,

    /// <summary>The job is no longer the attempt's: it stops and records nothing.</summary>
    Lost,

    /// <summary>
    /// No renewal succeeded in time to be sure the lease is still held: the attempt stops and records nothing, before
    /// the sweeper can hand the job to another attempt.
    /// </summary>
    Unconfirmed,
}
