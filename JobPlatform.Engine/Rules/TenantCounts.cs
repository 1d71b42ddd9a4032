namespace JobPlatform.Engine.Rules;

/// <summary>
/// A tenant as the accept rules see it: its balance, and its active (queued or running) and today's jobs, read from its
/// counters under its row lock.
/// </summary>
public sealed record TenantCounts(long Credits, int Active, int Today);
