using System.Text.Json;

namespace JobPlatform.Engine.Jobs;

/// <summary>How a handler's step ended, when it did not throw.</summary>
public abstract record JobStep
{
    private JobStep()
    {
    }

    /// <summary>The job is done; <paramref name="Result"/> (JSON, or null) is stored and shown as its result.</summary>
    public sealed record Complete(JsonElement? Result) : JobStep;

    /// <summary>
    /// Start <paramref name="Children"/> and give the worker slot back: the job waits (<see cref="JobStatuses.Waiting"/>)
    /// until every child has ended, however it ended, then runs its handler again with <paramref name="Checkpoint"/> as
    /// <see cref="JobExecutionContext.Checkpoint"/> and the children's outcomes at
    /// <see cref="JobExecutionContext.ReadChildrenAsync"/>. Meanwhile the job's progress moves from where it stands to
    /// <paramref name="ProgressWhenChildrenEnd"/> as its children end. The children, the wait and the checkpoint are
    /// recorded in one transaction with the end of the step: a worker killed at any moment starts none twice.
    /// </summary>
    public sealed record AwaitChildren(IReadOnlyList<ChildJob> Children, JsonElement Checkpoint, int ProgressWhenChildrenEnd) : JobStep;

    /// <summary>
    /// Give the worker slot back and run the handler again in <paramref name="Delay"/>, with <paramref name="State"/> as
    /// <see cref="JobExecutionContext.SnoozeState"/>: how a step waits for something outside the platform (a provider's
    /// run of minutes) without holding a slot. The job stays shown as processing; a snooze is not an attempt; the owner
    /// can cancel it meanwhile. The state lasts as long as the attempt: should a later step of it fail, the retry starts
    /// from the last checkpoint without it (so a handler that snoozed on a provider's run starts a new one).
    /// </summary>
    public sealed record Snooze(TimeSpan Delay, JsonElement State) : JobStep;
}
