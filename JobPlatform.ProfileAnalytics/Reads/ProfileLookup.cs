using JobPlatform.ProfileAnalytics.Storage;

namespace JobPlatform.ProfileAnalytics.Reads;

/// <summary>What the profile endpoints know of a username before deciding whether to start a job (R-000-1, R-000-3).</summary>
public abstract record ProfileLookup
{
    private ProfileLookup()
    {
    }

    /// <summary>An analysis younger than an hour: its cached body, as JSON, answered as it is.</summary>
    public sealed record Fresh(string Body) : ProfileLookup;

    /// <summary>Apify said lately that the profile does not exist (<see cref="ProfileStore.UnknownProfileMemory"/>).</summary>
    public sealed record Unknown : ProfileLookup;

    /// <summary>An analysis is needed: what is stored (possibly nothing, possibly a stale analysis).</summary>
    public sealed record NeedsAnalysis(StoredProfile Stored) : ProfileLookup;
}
