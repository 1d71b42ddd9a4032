namespace JobPlatform.Engine.Jobs;

/// <summary>
/// The canonical status words, and who moves a job in and out of each. Each team's dialect maps onto them (docs/requirements.md R-X-5) at their endpoints
/// (docs/requirements.md): e.g. an ad analysis's <c>pending</c> is <see cref="Queued"/>, its <c>running</c>
/// <see cref="Processing"/>.
/// </summary>
public static class JobStatuses
{
    /// <summary>
    /// Waiting to run. In: accepted by the API; a failed attempt with attempts left (after its retry delay); an attempt
    /// given back at shutdown or reclaimed after its worker died; a dead letter redriven by an operator; a
    /// <see cref="Waiting"/> job whose children ended or whose snooze is over. Out: claimed by
    /// a worker (<see cref="Processing"/>), or cancelled by its owner (<see cref="Cancelled"/>, refunded).
    /// </summary>
    public const string Queued = "queued";

    /// <summary>
    /// An attempt holds the job's lease and runs it. Out: the handler's outcome (<see cref="Completed"/>,
    /// <see cref="Waiting"/> when it started children or snoozed, <see cref="Queued"/> for a retry, <see cref="Failed"/> after the
    /// last attempt or at once on a permanent failure, <see cref="Cancelled"/> when the owner asked); or the sweeper,
    /// when the lease expired unrenewed, as for a failed attempt.
    /// </summary>
    public const string Processing = "processing";

    /// <summary>
    /// Stored only, never shown: clients read it as <see cref="Processing"/> (<see cref="Shown"/>). The handler started
    /// child jobs, or waits for something outside, and gave its worker slot back; no attempt runs and no lease is held.
    /// In: a step that returned <see cref="JobStep.AwaitChildren"/> or <see cref="JobStep.Snooze"/>. Out: the end of its
    /// last child, or the end of its snooze (<see cref="Queued"/>, due at once, to run its next step), or its owner's
    /// cancellation (<see cref="Cancelled"/>, with its children).
    /// </summary>
    public const string Waiting = "waiting";

    /// <summary>Final: the handler returned; its result is stored.</summary>
    public const string Completed = "completed";

    /// <summary>Final unless redriven: the last attempt failed; dead-lettered and refunded in the same statement.</summary>
    public const string Failed = "failed";

    /// <summary>Final: the owner cancelled it, queued (refunded) or while it ran (not refunded).</summary>
    public const string Cancelled = "cancelled";

    /// <summary>The words clients see (every status but <see cref="Waiting"/>).</summary>
    public static readonly string[] All = [Queued, Processing, Completed, Failed, Cancelled];

    /// <summary>The word a client sees for a stored status.</summary>
    public static string Shown(string stored) => stored == Waiting ? Processing : stored;

    /// <summary>The stored statuses a client's word stands for.</summary>
    public static string[] Stored(string shown) => shown == Processing ? [Processing, Waiting] : [shown];

    public static bool IsTerminal(string status) => status is Completed or Failed or Cancelled;
}
