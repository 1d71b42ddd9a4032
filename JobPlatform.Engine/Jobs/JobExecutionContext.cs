using System.Text.Json;

namespace JobPlatform.Engine.Jobs;

/// <summary>
/// What a handler knows of the job it runs, and how it reports progress, writes result rows and reads its children.
/// <see cref="Parameters"/> holds the secret parameters in clear: a handler must keep them out of its errors, progress
/// messages and results.
/// </summary>
public sealed class JobExecutionContext(
    Guid jobId,
    JsonElement parameters,
    int attempt,
    JsonElement? checkpoint,
    JsonElement? snoozeState,
    Func<int, string?, Task> reportProgress,
    Func<int, IReadOnlyList<JsonElement>, CancellationToken, Task> writeRows,
    Func<CancellationToken, Task<IReadOnlyList<ChildOutcome>>> readChildren)
{
    public Guid JobId { get; } = jobId;

    public JsonElement Parameters { get; } = parameters;

    /// <summary>1 for the first attempt. A step after a wait for children belongs to the attempt that waited.</summary>
    public int Attempt { get; } = attempt;

    /// <summary>
    /// Null on the job's first step; after a wait for children, the checkpoint that step returned
    /// (<see cref="JobStep.AwaitChildren"/>). A retried attempt resumes from the last checkpoint recorded, so a handler
    /// that starts children starts them once.
    /// </summary>
    public JsonElement? Checkpoint { get; } = checkpoint;

    /// <summary>The state the attempt's last step snoozed with (<see cref="JobStep.Snooze"/>); null when it did not snooze.</summary>
    public JsonElement? SnoozeState { get; } = snoozeState;

    public Task ReportProgressAsync(int percent, string? message) => reportProgress(Math.Clamp(percent, 0, 100), message);

    /// <summary>
    /// Stores rows <paramref name="firstRowNo"/>.. of the job's results, in one statement. Rows are keyed by number:
    /// a retried attempt that writes them again overwrites, never duplicates.
    /// </summary>
    public Task WriteResultRowsAsync(int firstRowNo, IReadOnlyList<JsonElement> rows, CancellationToken cancellationToken) =>
        writeRows(firstRowNo, rows, cancellationToken);

    /// <summary>Every child this job started, in the order it started them, with how each ended.</summary>
    public Task<IReadOnlyList<ChildOutcome>> ReadChildrenAsync(CancellationToken cancellationToken) => readChildren(cancellationToken);
}
