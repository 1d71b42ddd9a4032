using System.Text.Json;

namespace JobPlatform.ProviderSandbox.Apify;

/// <summary>
/// A run, as stored when it starts (and again when it is aborted). Its whole life is planned at the start: the
/// duration the latency profile gave, the outcome (SUCCEEDED unless a run-outcome fault said otherwise), so its status
/// at any instant is computed, not kept; with the input, the dataset is computed too. No process needs to stay up
/// for a run to progress, and any replica reading the file answers the same.
/// </summary>
internal sealed record ActorRun(
    string Id,
    string ActorName,
    string UserId,
    string DatasetId,
    string KeyValueStoreId,
    string RequestQueueId,
    JsonElement Input,
    int InputBodyLength,
    DateTimeOffset StartedAt,
    TimeSpan Duration,
    TimeSpan ShutdownGrace,
    string PlannedOutcome,
    int TimeoutSecs,
    int MemoryMbytes,
    string Build,
    string? ClientIp,
    string? UserAgent,
    DateTimeOffset? AbortedAt = null,
    bool AbortedGracefully = false)
{
    public RunState State(DateTimeOffset now)
    {
        var timeline = Timeline();
        var current = timeline.Last(change => change.At <= now || change == timeline[0]);
        var next = timeline.FirstOrDefault(change => change.At > now);
        // Items are pushed while the actor works: from the start until it stops running (succeeds, fails, or is told to stop).
        var stoppedAt = timeline.FirstOrDefault(change => change.Status is not (RunStatuses.Ready or RunStatuses.Running)).At;
        var progress = current.Status == RunStatuses.Succeeded
            ? 1
            : Math.Clamp(((now < stoppedAt ? now : stoppedAt) - StartedAt) / Duration, 0, 1);
        return new RunState(
            current.Status,
            RunStatuses.IsTerminal(current.Status) ? current.At : null,
            progress,
            next == default ? null : next.At);
    }

    /// <summary>The status changes, in order; the last one is terminal.</summary>
    private List<(DateTimeOffset At, string Status)> Timeline()
    {
        var readyFor = TimeSpan.FromTicks(Math.Min(Duration.Ticks / 10, TimeSpan.FromSeconds(3).Ticks));
        // A run planned to fail does so halfway through.
        var workEnds = StartedAt + (PlannedOutcome == RunStatuses.Failed ? Duration / 2 : Duration);
        var timeoutAt = StartedAt + TimeSpan.FromSeconds(TimeoutSecs);
        List<(DateTimeOffset At, string Status)> timeline = [(StartedAt, RunStatuses.Ready), (StartedAt + readyFor, RunStatuses.Running)];
        if (PlannedOutcome == RunStatuses.TimedOut || timeoutAt < workEnds)
        {
            var timingOut = timeoutAt < workEnds ? timeoutAt : workEnds;
            timeline.Add((timingOut, RunStatuses.TimingOut));
            timeline.Add((timingOut + ShutdownGrace, RunStatuses.TimedOut));
        }
        else
        {
            timeline.Add((workEnds, PlannedOutcome));
        }

        if (AbortedAt is { } abortedAt && abortedAt < timeline[^1].At)
        {
            timeline.RemoveAll(change => change.At > abortedAt);
            if (AbortedGracefully)
            {
                timeline.Add((abortedAt, RunStatuses.Aborting));
                timeline.Add((abortedAt + ShutdownGrace, RunStatuses.Aborted));
            }
            else
            {
                timeline.Add((abortedAt, RunStatuses.Aborted));
            }
        }

        return timeline;
    }
}
