namespace JobPlatform.ServiceDefaults.RateLimiting;

/// <summary>
/// The generic cell rate algorithm: a token bucket kept as one number, its theoretical arrival time (the moment the
/// bucket would be full again if nothing else came). Each token taken moves that moment one interval later; a charge
/// fits while the moment stays within the burst's span (burst × interval) of now. A bucket whose moment has passed is
/// full, so a bucket needs no refill timer and no entry once it is full. Time is in microseconds, the unit of Redis's
/// clock: <see cref="RedisRateLimiter"/>'s script does this same arithmetic in Redis.
/// </summary>
public static class Gcra
{
    /// <param name="arrival">The bucket's theoretical arrival time; null for a bucket never charged (full).</param>
    /// <param name="now">The clock, in microseconds.</param>
    /// <param name="limit">The bucket's rate and burst.</param>
    /// <param name="cost">Tokens to take.</param>
    /// <param name="force">Take them even when the bucket does not hold them (a penalty): the bucket goes into debt,
    /// and later charges wait until it is paid off.</param>
    /// <returns>The decision, and the bucket's arrival time after it (unchanged when refused: a refusal takes nothing).</returns>
    public static (RateLimitDecision Decision, double Arrival) Charge(double? arrival, double now, RateLimit limit, int cost, bool force)
    {
        var interval = limit.IntervalMicroseconds;
        var from = Math.Max(arrival ?? now, now);
        var next = from + cost * interval;
        var wait = next - limit.Burst * interval - now;
        return wait > 0 && !force
            ? (RateLimitDecision.Refuse(TimeSpan.FromMicroseconds(Math.Ceiling(wait))), from)
            : (RateLimitDecision.Allow, next);
    }
}
