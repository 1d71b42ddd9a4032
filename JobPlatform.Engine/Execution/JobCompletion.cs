namespace JobPlatform.Engine.Execution;

/// <summary>A successful attempt's outcome: the handler's result as raw JSON, or null.</summary>
public sealed record JobCompletion(JobLease Lease, string? Result);
