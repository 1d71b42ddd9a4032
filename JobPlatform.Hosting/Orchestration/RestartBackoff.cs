namespace JobPlatform.Hosting.Orchestration;

/// <summary>
/// How long a crashed service replica waits before it is started again: 1 s, doubling with each crash in a row, at
/// most 30 s, so a replica that cannot start does not spin. A replica that stayed healthy for a minute before it crashed
/// starts the sequence again: that crash is news, not part of a loop.
/// </summary>
internal sealed class RestartBackoff
{
    public static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaximumDelay = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan ResetAfterHealthyFor = TimeSpan.FromMinutes(1);

    private TimeSpan _next = FirstDelay;

    /// <param name="healthyFor">How long the replica had been healthy when it exited (zero if it never was).</param>
    public TimeSpan Next(TimeSpan healthyFor)
    {
        if (healthyFor >= ResetAfterHealthyFor)
        {
            Reset();
        }

        var delay = _next;
        _next = TimeSpan.FromTicks(Math.Min(_next.Ticks * 2, MaximumDelay.Ticks));
        return delay;
    }

    public void Reset() => _next = FirstDelay;
}
