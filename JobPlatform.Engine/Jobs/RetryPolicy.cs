namespace JobPlatform.Engine.Jobs;

/// <summary>
/// How many attempts a job gets and how long each failed attempt waits for the next: decided here only, from the
/// delays configured in <c>Jobs:RetryDelays</c>. A job gets one attempt more than there are delays, then it is
/// dead-lettered; an attempt past the last delay (a redriven job) waits the last delay again.
/// </summary>
public sealed class RetryPolicy(IReadOnlyList<TimeSpan> delays)
{
    public int MaxAttempts => delays.Count + 1;

    /// <summary>The wait before the attempt that follows failed attempt <paramref name="attempt"/> (1 for the first).</summary>
    public TimeSpan DelayAfter(int attempt) =>
        delays.Count == 0 ? TimeSpan.Zero : delays[Math.Clamp(attempt, 1, delays.Count) - 1];
}
