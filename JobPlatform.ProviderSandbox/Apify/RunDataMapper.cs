namespace JobPlatform.ProviderSandbox.Apify;

/// <summary>A stored run as Apify's API shows it at one instant.</summary>
internal static class RunDataMapper
{
    public static RunData ToData(this ActorRun run, ActorDefinition actor, DateTimeOffset now, bool withCosts, long itemCount)
    {
        var state = run.State(now);
        var end = state.FinishedAt ?? now;
        var runTime = end > run.StartedAt ? end - run.StartedAt : TimeSpan.Zero;
        var computeUnits = Math.Round(runTime.TotalHours * run.MemoryMbytes / 1024.0, 6);
        string? message = state.Status switch
        {
            RunStatuses.Ready => null,
            RunStatuses.Running => "Scraping in progress",
            RunStatuses.Succeeded => $"Finished! Total {itemCount} results",
            RunStatuses.Failed => "The Actor process failed (exit code 1)",
            RunStatuses.TimingOut or RunStatuses.TimedOut => "The Actor run has reached its timeout",
            _ => "The Actor run was aborted",
        };
        return new RunData(
            run.Id,
            actor.Id,
            run.UserId,
            null,
            ApifyJson.Timestamp(run.StartedAt),
            state.FinishedAt is { } finishedAt ? ApifyJson.Timestamp(finishedAt) : null,
            state.Status,
            message,
            state.IsTerminal,
            new RunMeta("API", run.ClientIp, run.UserAgent),
            new RunStats(run.InputBodyLength, 0, 0, (long)runTime.TotalMilliseconds, Math.Round(runTime.TotalSeconds, 3), computeUnits),
            new RunOptions(run.Build, run.TimeoutSecs, run.MemoryMbytes, run.MemoryMbytes * 2),
            ApifyIds.For("build", actor.Name, run.Build),
            "0.0.412",
            state.Status switch
            {
                RunStatuses.Succeeded => 0,
                RunStatuses.Failed => 1,
                _ => null,
            },
            "RESTRICTED",
            run.KeyValueStoreId,
            run.DatasetId,
            run.RequestQueueId,
            $"https://{run.Id.ToLowerInvariant()}.runs.apify.net",
            withCosts ? Math.Round(computeUnits * 0.4, 4) : null);
    }
}
