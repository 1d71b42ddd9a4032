using System.Text.Json;
using JobPlatform.Engine.Jobs;
using JobPlatform.ProfileAnalytics.Cache;
using JobPlatform.ProfileAnalytics.Model;
using JobPlatform.ProfileAnalytics.Storage;

namespace JobPlatform.ProfileAnalytics.Reads;

/// <summary>
/// The profile endpoints' reads, within R-000-9's 50 ms: Redis first; on a miss, one small PostgreSQL read, batched with
/// the misses of the moment (<see cref="ProfileLookupBatcher"/>), whose fresh analysis is put back in Redis for the
/// next caller.
/// </summary>
public sealed class ProfileReader(ProfileAnalysisCache cache, ProfileLookupBatcher lookups, ProfileStore store, TimeProvider time)
{
    public async Task<ProfileLookup> LookUpAsync(string username)
    {
        if (await cache.FindAsync(username) is { } cached)
        {
            return new ProfileLookup.Fresh(cached);
        }

        var stored = await lookups.RunAsync(username);
        var now = time.GetUtcNow();
        if (stored.Analysis is { } analysis && now - analysis.AnalyzedAt < ProfileAnalysisCache.Freshness)
        {
            await cache.RememberAsync(username, analysis.Result, analysis.AnalyzedAt, now);
            return new ProfileLookup.Fresh(analysis.Result);
        }

        return stored is { Profile: null, UnknownSince: { } since } && now - since < ProfileStore.UnknownProfileMemory
            ? new ProfileLookup.Unknown()
            : new ProfileLookup.NeedsAnalysis(stored);
    }

    /// <summary>
    /// R-000-1's body while processing is needed: the stored profile, and its stale analysis if it has one (stale data
    /// beats none), else <c>{"available": false}</c>. The caller adds the job.
    /// </summary>
    public static ProfileResponse Basic(string username, StoredProfile stored) => ProfileResponse.Of(username, stored.Profile,
        stored.Analysis is { } stale ? JsonSerializer.Deserialize<ProfileResponse>(stale.Result, JobJson.Options)!.AiAnalysis : AiAnalysis.NotAvailable);

    public async Task<PostsLookup> ReadPostsAsync(string username, int limit, CancellationToken cancellationToken)
    {
        var posts = await store.ReadPostsAsync(username, limit, cancellationToken);
        if (posts.Count > 0)
        {
            return new PostsLookup.Found(posts);
        }

        // Rarely reached (a profile without posts, or none stored): the second statement is paid only then.
        return await store.FindProfileAsync(username, cancellationToken) is null ? new PostsLookup.NotFetched() : new PostsLookup.Found([]);
    }
}
