using System.Text.Json;

namespace JobPlatform.Engine.Jobs;

/// <summary>How a child job ended: <see cref="JobStatuses.Completed"/> with its result, or failed or cancelled with its error.</summary>
public sealed record ChildOutcome(Guid JobId, string JobType, string Status, JsonElement? Result, string? ErrorMessage);
