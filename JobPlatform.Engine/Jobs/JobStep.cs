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
}
