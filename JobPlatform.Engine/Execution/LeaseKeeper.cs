using Microsoft.Extensions.Logging;

namespace JobPlatform.Engine.Execution;

/// <summary>
/// Keeps one attempt's lease while the attempt runs, and says when the attempt must stop. Once a job's heartbeat is
/// older than the lease timeout, the sweeper of any worker may hand it to a new attempt, so an attempt may run only
/// while it can prove its lease. A renewal that fails or hangs is retried every interval; once none has succeeded for
/// <see cref="TrustedFor"/> since the last one was sent, the attempt is given up: a little early rather than beside
/// the next attempt. Failures never end the keeping silently: it ends with the attempt or with a verdict.
/// </summary>
public sealed partial class LeaseKeeper(
    JobLease lease,
    Func<CancellationToken, Task<LeaseRenewal>> renew,
    TimeSpan interval,
    TimeSpan timeout,
    TimeProvider time,
    ILogger logger)
{
    /// <summary>
    /// How long after a renewal was sent the attempt relies on it: three quarters of the lease timeout. The last quarter
    /// is left for the handler to stop, and for the database clock the sweeper reads, which is not ours.
    /// </summary>
    public TimeSpan TrustedFor { get; } = timeout - timeout / 4;

    /// <summary>
    /// Renews the lease every interval until <paramref name="attemptEnded"/> fires or the attempt must stop.
    /// <paramref name="heldSince"/> is a <see cref="TimeProvider.GetTimestamp"/> taken before the claim was sent: the
    /// lease runs from the claim's commit, so counting from before it errs on the safe side.
    /// </summary>
    public async Task<LeaseEnd> KeepAsync(long heldSince, CancellationToken attemptEnded)
    {
        var renewedAt = heldSince;
        try
        {
            for (var left = Left(renewedAt); left > TimeSpan.Zero; left = Left(renewedAt))
            {
                // Most attempts end during this wait: it ends without throwing (an exception per job costs more
                // CPU than the no-op job itself).
                await Task.Delay(WholeMilliseconds(left < interval ? left : interval), time, attemptEnded)
                    .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
                if (attemptEnded.IsCancellationRequested)
                {
                    return LeaseEnd.AttemptEnded;
                }

                var sentAt = time.GetTimestamp();
                switch (await RenewAsync(Left(renewedAt), attemptEnded))
                {
                    case LeaseRenewal.Renewed:
                        // The database stamps the heartbeat when the statement runs, after it was sent.
                        renewedAt = sentAt;
                        break;
                    case LeaseRenewal.CancelRequested:
                        return LeaseEnd.CancelRequested;
                    case LeaseRenewal.Lost:
                        return LeaseEnd.Lost;
                }
            }

            return LeaseEnd.Unconfirmed;
        }
        catch (Exception) when (attemptEnded.IsCancellationRequested)
        {
            // Once the attempt ended, however its last renewal ended no longer matters.
            return LeaseEnd.AttemptEnded;
        }
    }

    private TimeSpan Left(long renewedAt) => TrustedFor - time.GetElapsedTime(renewedAt);

    // Timers count whole milliseconds and cut the rest: rounding up keeps the last wait from ending just short of the
    // deadline, again and again.
    private static TimeSpan WholeMilliseconds(TimeSpan delay) => TimeSpan.FromMilliseconds(Math.Ceiling(delay.TotalMilliseconds));

    /// <summary>One renewal, cut short when the lease can no longer be relied on; null when it did not succeed.</summary>
    private async Task<LeaseRenewal?> RenewAsync(TimeSpan left, CancellationToken attemptEnded)
    {
        if (left <= TimeSpan.Zero)
        {
            return null;
        }

        using var deadline = new CancellationTokenSource(left, time);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(attemptEnded, deadline.Token);
        try
        {
            // Awaited up to the deadline even if the renewal ignores its token (a connection stuck on a dead server).
            return await renew(bounded.Token).WaitAsync(bounded.Token);
        }
        catch (Exception exception) when (!attemptEnded.IsCancellationRequested)
        {
            LogRenewalFailed(logger, exception, lease.JobId, left);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not renew the lease of job {JobId} ({Left} left before its attempt is given up).")]
    private static partial void LogRenewalFailed(ILogger logger, Exception exception, Guid jobId, TimeSpan left);
}
