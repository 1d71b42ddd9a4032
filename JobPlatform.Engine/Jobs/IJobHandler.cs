using System.Text.Json;

namespace JobPlatform.Engine.Jobs;

/// <summary>
/// A job type: the extension point. Implement it, register it with <c>AddJobHandler&lt;T&gt;()</c> in the services that
/// validate (API) and run (the workers of its <see cref="Workload"/>) it.
/// </summary>
public interface IJobHandler
{
    string JobType { get; }

    /// <summary>Which worker pool runs it: general workers or AI workers.</summary>
    Workload Workload { get; }

    /// <summary>Credits deducted when a job of this type is accepted.</summary>
    int Cost { get; }

    /// <summary>Typical run time of one job, for the estimates returned at accept time.</summary>
    TimeSpan EstimatedDuration { get; }

    /// <summary>Checks parameters at the API; returns a message for the caller, or null when they are valid.</summary>
    string? Validate(JsonElement parameters);

    /// <summary>
    /// The parameters that hold secrets (access tokens, API keys, passwords), as paths of property names through nested
    /// objects: <c>access_token</c>, <c>credentials.client_secret</c>, <c>headers.Authorization</c>. Names match
    /// ignoring case, as header names do. Their values are sealed when the job is accepted and opened only for
    /// <see cref="ExecuteAsync"/>: the job record holds them sealed and no response or event shows them.
    /// </summary>
    IReadOnlyList<string> SecretParameters => [];

    /// <summary>Runs one attempt. Returns the result (JSON); throws to fail the attempt.</summary>
    Task<JsonElement?> ExecuteAsync(JobExecutionContext context, CancellationToken cancellationToken);
}

public enum Workload
{
    General,
    Ai,
}

/// <summary>
/// What a handler knows of the job it runs, and how it reports progress and writes result rows. <see cref="Parameters"/>
/// holds the secret parameters in clear: a handler must keep them out of its errors, progress messages and results.
/// </summary>
public sealed class JobExecutionContext(
    Guid jobId, JsonElement parameters, int attempt, Func<int, string?, Task> reportProgress,
    Func<int, IReadOnlyList<JsonElement>, CancellationToken, Task> writeRows)
{
    public Guid JobId { get; } = jobId;

    public JsonElement Parameters { get; } = parameters;

    /// <summary>1 for the first attempt.</summary>
    public int Attempt { get; } = attempt;

    public Task ReportProgressAsync(int percent, string? message) => reportProgress(Math.Clamp(percent, 0, 100), message);

    /// <summary>
    /// Stores rows <paramref name="firstRowNo"/>.. of the job's results, in one statement. Rows are keyed by number:
    /// a retried attempt that writes them again overwrites, never duplicates.
    /// </summary>
    public Task WriteResultRowsAsync(int firstRowNo, IReadOnlyList<JsonElement> rows, CancellationToken cancellationToken) =>
        writeRows(firstRowNo, rows, cancellationToken);
}
