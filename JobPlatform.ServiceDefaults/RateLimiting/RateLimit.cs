namespace JobPlatform.ServiceDefaults.RateLimiting;

/// <summary>
/// A sustained rate and the burst allowed on top of it: a bucket of <paramref name="Burst"/> tokens, refilled at
/// <paramref name="PerSecond"/> tokens a second.
/// </summary>
public sealed record RateLimit(double PerSecond, int Burst)
{
    /// <summary>Time for one token to come back (the emission interval), in microseconds: Redis's clock unit.</summary>
    public double IntervalMicroseconds => 1_000_000 / PerSecond;
}
