namespace JobPlatform.Bench.Load;

/// <summary>Latency percentiles of one load step, in milliseconds, measured from each request's intended send time.</summary>
public sealed record LatencySummary(
    double TargetPerSecond,
    double AchievedPerSecond,
    int Requests,
    int Errors,
    double P50Ms,
    double P90Ms,
    double P99Ms,
    double P999Ms,
    double MaxMs,
    IReadOnlyDictionary<string, int> ErrorKinds)
{
    /// <summary>Summarizes the latencies of the successful requests; a failed request counts as an error, not a latency.</summary>
    public static LatencySummary From(double targetPerSecond, TimeSpan elapsed, IReadOnlyList<double> latencies, IReadOnlyDictionary<string, int> errors)
    {
        var sorted = latencies.Order().ToArray();
        var errorCount = errors.Values.Sum();
        return new LatencySummary(targetPerSecond, (sorted.Length + errorCount) / elapsed.TotalSeconds, sorted.Length + errorCount, errorCount,
            Percentile(sorted, 50), Percentile(sorted, 90), Percentile(sorted, 99), Percentile(sorted, 99.9), sorted.LastOrDefault(), errors);
    }

    /// <summary>Nearest-rank percentile.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double percent) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(percent / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
}
