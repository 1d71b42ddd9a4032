namespace JobPlatform.Providers.Apify;

/// <summary>The part of an actor run the client reads; Apify's run object has many more members.</summary>
internal sealed record ApifyRun(string Id, ApifyRunStatus Status, string DefaultDatasetId)
{
    public bool HasEnded => Status is ApifyRunStatus.Succeeded or ApifyRunStatus.Failed or ApifyRunStatus.TimedOut or ApifyRunStatus.Aborted;
}
