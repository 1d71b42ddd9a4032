using System.Text.Json;

namespace JobPlatform.Engine.Jobs;

/// <summary>
/// A job a handler starts (<see cref="JobStep.AwaitChildren"/>): of any registered type, with its own lane (the
/// parent's when null), attempts and retries. It belongs to the parent's owner, is never charged, and does not count
/// against its tenant's tier limits: the parent was charged and counted for the whole.
/// </summary>
public sealed record ChildJob(string JobType, JsonElement Parameters, string? Priority = null);
