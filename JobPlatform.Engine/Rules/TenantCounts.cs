namespace JobPlatform.Engine.Rules;

/// <summary>
/// A tenant as the accept rules see it: its balance, and its active (queued or running) and today's jobs, read under
/// its row lock. Counts may stop at the tier's limit: a count at the limit refuses as surely as any count above it.
/// </summary>
public sealed record TenantCounts(long Credits, int Active, int Today);
