using System.Text.Json;
using JobPlatform.Engine.Data;

namespace JobPlatform.Engine.Jobs;

/// <summary>
/// A job as clients see it: the status endpoint's body and every live event (SSE, WebSocket). Unlike the API's other
/// bodies (<c>JobPlatform.Api/Model</c>) it belongs to the engine: the worker that changes a job publishes it, and the
/// API forwards it to watchers as published, so that a poll and a stream show the same document (<see cref="JobJson"/>).
/// </summary>
public sealed record JobStatusResponse(
    Guid JobId,
    string JobType,
    string Priority,
    string Status,
    int ProgressPercent,
    string? ProgressMessage,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    int? EstimatedRemainingSeconds,
    int Attempts,
    int MaxAttempts,
    string? ErrorMessage,
    JsonElement? Result)
{
    /// <param name="now">For the estimate of a running job's remaining time.</param>
    public static JobStatusResponse From(Job job, DateTimeOffset now)
    {
        int? remaining = null;
        var status = JobStatuses.Shown(job.Status);
        if (job is { StartedAt: { } started, ProgressPercent: > 0 and < 100 } && status == JobStatuses.Processing)
        {
            // Linear from progress so far: the handler's own reports are the best estimate we have.
            var elapsed = now - started;
            remaining = (int)Math.Ceiling(elapsed.TotalSeconds * (100 - job.ProgressPercent) / job.ProgressPercent);
        }

        return new JobStatusResponse(job.Id, job.JobType, job.Priority, status, job.ProgressPercent, job.ProgressMessage,
            job.CreatedAt, job.StartedAt, job.CompletedAt, remaining, job.Attempts, job.MaxAttempts, job.ErrorMessage,
            job.Result is null ? null : JsonDocument.Parse(job.Result).RootElement.Clone());
    }
}
