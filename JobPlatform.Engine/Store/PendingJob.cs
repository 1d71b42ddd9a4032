using JobPlatform.Engine.Data;

namespace JobPlatform.Engine.Store;

/// <summary>A job built from a request, waiting for its batch, with the tier its tenant had when it asked.</summary>
public sealed record PendingJob(Job Job, string Tier);
