using JobPlatform.Engine.Data;

namespace JobPlatform.Engine.Store;

/// <summary>What an operator's redrive of a job did.</summary>
public abstract record RedriveOutcome
{
    /// <summary>Queued again with a fresh set of attempts, and charged.</summary>
    public sealed record Queued(Job Job) : RedriveOutcome;

    /// <summary>The tenant's credits do not cover the job's cost; nothing changed.</summary>
    public sealed record InsufficientCredits : RedriveOutcome;

    /// <summary>No such job, or it is not dead-lettered.</summary>
    public sealed record NotDeadLettered : RedriveOutcome;
}
