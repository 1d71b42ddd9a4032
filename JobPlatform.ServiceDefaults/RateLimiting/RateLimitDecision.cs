namespace JobPlatform.ServiceDefaults.RateLimiting;

/// <summary>Whether a charge fitted in its bucket; if not, how long until it would.</summary>
public sealed record RateLimitDecision(bool Allowed, TimeSpan RetryAfter)
{
    public static readonly RateLimitDecision Allow = new(true, TimeSpan.Zero);

    public static RateLimitDecision Refuse(TimeSpan retryAfter) => new(false, retryAfter);
}
