using JobPlatform.ProfileAnalytics.Storage;

namespace JobPlatform.ProfileAnalytics.Reads;

/// <summary>What the posts endpoint found: the stored posts of a fetched profile (possibly none), or no profile at all.</summary>
public abstract record PostsLookup
{
    private PostsLookup()
    {
    }

    public sealed record Found(IReadOnlyList<StoredPost> Posts) : PostsLookup;

    /// <summary>No profile of that name was ever fetched (or Apify said it does not exist).</summary>
    public sealed record NotFetched : PostsLookup;
}
