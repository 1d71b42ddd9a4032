namespace JobPlatform.Engine.Execution;

/// <summary>One attempt's hold on a job: the lease token is unique per attempt, so a stale attempt changes nothing.</summary>
public sealed record JobLease(Guid JobId, string Owner);
