namespace JobPlatform.ServiceDefaults.RateLimiting;

/// <summary>
/// Buckets in this process: <see cref="RedisRateLimiter"/>'s fallback while Redis is unreachable. Each process counts
/// alone, so N replicas together allow up to N times a limit until Redis is back.
/// </summary>
public sealed class LocalRateLimiter(TimeProvider time)
{
    private const int PruneThreshold = 10_000;
    private readonly Dictionary<string, double> arrivals = [];
    private int pruneAt = PruneThreshold;

    public RateLimitDecision Charge(string bucket, RateLimit limit, int cost, bool force)
    {
        // The monotonic clock: a wall-clock step must not empty or refill every bucket.
        var now = time.GetTimestamp() * 1_000_000.0 / time.TimestampFrequency;
        lock (arrivals)
        {
            var (decision, arrival) = Gcra.Charge(arrivals.TryGetValue(bucket, out var stored) ? stored : null, now, limit, cost, force);
            if (decision.Allowed)
            {
                arrivals[bucket] = arrival;
            }

            if (arrivals.Count > pruneAt)
            {
                Prune(now);
            }

            return decision;
        }
    }

    // A bucket whose arrival time has passed is full, the same as no entry: dropping it bounds memory by the buckets
    // charged within their burst span, whatever the number of callers seen.
    private void Prune(double now)
    {
        foreach (var (bucket, arrival) in arrivals)
        {
            if (arrival <= now)
            {
                arrivals.Remove(bucket);
            }
        }

        pruneAt = Math.Max(PruneThreshold, arrivals.Count * 2);
    }
}
