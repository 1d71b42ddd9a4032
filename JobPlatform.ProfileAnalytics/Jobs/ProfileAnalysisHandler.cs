using System.Text.Json;
using JobPlatform.Engine.Jobs;
using JobPlatform.ProfileAnalytics.Cache;
using JobPlatform.ProfileAnalytics.Insights;
using JobPlatform.ProfileAnalytics.Model;
using JobPlatform.ProfileAnalytics.Storage;
using JobPlatform.Providers;
using JobPlatform.Providers.Apify;
using JobPlatform.Providers.Media;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using static JobPlatform.ProfileAnalytics.Jobs.ProfileAnalysisStages;

namespace JobPlatform.ProfileAnalytics.Jobs;

/// <summary>
/// R-003-17 steps 3 to 5 for one profile, in steps of one job that hold a worker slot only while they work. First: start
/// the Apify run of the profile and its latest posts; while it goes on (60-120 s), the job snoozes and checks it every
/// <see cref="ProfileAnalysisOptions.RunCheckInterval"/>. Once it succeeded: re-host the images, store profile and
/// posts, then start a <c>post_analysis</c> child per 5 posts not analysed yet and give the slot back while the AI
/// workers run them. Last, once every child ended: aggregate the posts' analyses into the profile's insights, store them
/// as the R-000-1 cached body, fill the cache, and complete with that body as the result.
/// </summary>
/// <remarks>
/// Failures: a profile Apify does not know, and any provider refusal that will repeat, fail the job at once (the engine
/// refunds it); transient ones throw as they are, and the engine retries the attempt (R-003-7), which starts a new run
/// (a snooze's state does not outlive its attempt). A run left behind by a job cancelled while it snoozed is not
/// aborted: it ends at its timeout (<c>Providers:Apify:MaxRunTime</c>). An image that cannot be
/// copied does not fail the job: the post keeps its earlier re-hosted URL, or none. A failed child costs only its posts'
/// analyses: the insights are made of those that completed, unless none did.
/// </remarks>
public sealed partial class ProfileAnalysisHandler(
    IServiceScopeFactory scopes, MediaRehoster media, ProfileAnalysisCache cache, IOptions<ProfileAnalysisOptions> options, TimeProvider time,
    ILogger<ProfileAnalysisHandler> logger) : IJobHandler
{
    /// <summary>Apify's answer for a username that is no account.</summary>
    public const string NotFoundError = "not_found";

    /// <summary>Images copied at once: a profile's dozen finish in a few rounds without flooding the CDN.</summary>
    private const int ImageCopies = 4;

    public string JobType => ProfileAnalysisJobType.JobName;

    public async Task<JobStep> ExecuteAsync(JobExecutionContext context, CancellationToken cancellationToken)
    {
        var username = context.Parameters.Deserialize<ProfileAnalysisParameters>(JobJson.Options)!.Username.ToLowerInvariant();
        await using var scope = scopes.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<ProfileStore>();
        if (context.Checkpoint is { } checkpoint)
        {
            return await AggregateAsync(context, store, username, checkpoint.Deserialize<ProfileAnalysisCheckpoint>(JobJson.Options)!, cancellationToken);
        }

        var apify = scope.ServiceProvider.GetRequiredService<ApifyClient>();
        var run = context.SnoozeState?.Deserialize<ProfileFetchState>(JobJson.Options)!.Run;
        if (run is null)
        {
            await context.ReportProgressAsync(FetchingPercent, Fetching);
            run = await Provider(username, () => apify.StartProfilesRunAsync([username], cancellationToken));
        }

        if (!await Provider(username, () => CheckRunAsync(apify, run, context.SnoozeState is null ? options.Value.RunWait : TimeSpan.Zero, cancellationToken)))
        {
            return new JobStep.Snooze(options.Value.RunCheckInterval, JsonSerializer.SerializeToElement(new ProfileFetchState(run), JobJson.Options));
        }

        var profile = await PickAsync(store, username, await Provider(username, () => apify.ReadProfilesAsync(run, cancellationToken)), cancellationToken);
        var posts = (profile.LatestPosts ?? []).Where(p => !string.IsNullOrEmpty(p.Id)).DistinctBy(p => p.Id).ToList();

        await context.ReportProgressAsync(ImagesPercent, Images);
        var pictureUrl = await RehostAsync(profile.ProfilePicUrlHd ?? profile.ProfilePicUrl, "ig-profile", cancellationToken);
        var mediaUrls = new string?[posts.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, posts.Count), new ParallelOptions { MaxDegreeOfParallelism = ImageCopies, CancellationToken = cancellationToken },
            async (i, token) => mediaUrls[i] = await RehostAsync(posts[i].DisplayUrl, "ig-post", token));

        await context.ReportProgressAsync(StoringPercent, Storing);
        var now = time.GetUtcNow();
        await store.SaveFetchAsync(
            new InstagramProfileRow(username, profile.FullName, profile.Biography, profile.FollowersCount, profile.FollowsCount, profile.PostsCount,
                pictureUrl, profile.IsVerified, profile.IsPrivate, now),
            posts.Select((p, i) => new InstagramPostRow(p.Id!, username, p.ShortCode, p.Caption, [.. p.Hashtags ?? []], p.LikesCount, p.CommentsCount,
                p.Views, mediaUrls[i], p.Timestamp, now)).ToList(),
            cancellationToken);

        var postIds = posts.ConvertAll(p => p.Id!);
        // Captions hardly change: a post analysed by an earlier job is not analysed again (R-003-12's 1200 posts an hour).
        var unanalyzed = await store.FindUnanalyzedAsync(postIds, cancellationToken);
        if (unanalyzed.Count == 0)
        {
            return await FinishAsync(context, store, username, postIds, cancellationToken);
        }

        await context.ReportProgressAsync(AiPercent, Ai);
        var children = postIds.Where(unanalyzed.Contains).Chunk(PostAnalysisJobType.MaxPosts)
            .Select(chunk => new ChildJob(PostAnalysisJobType.JobName,
                JsonSerializer.SerializeToElement(new PostAnalysisParameters(username, chunk), JobJson.Options)))
            .ToList();
        return new JobStep.AwaitChildren(children,
            JsonSerializer.SerializeToElement(new ProfileAnalysisCheckpoint(postIds), JobJson.Options),
            AggregatingPercent);
    }

    /// <summary>A provider's refusal that will repeat fails the job at once; a transient failure throws as it is, to be retried.</summary>
    private static async Task<T> Provider<T>(string username, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (ProviderException exception) when (!exception.Transient)
        {
            throw new PermanentJobFailureException($"Fetching the Instagram profile '{username}' failed: {exception.Message}", exception);
        }
    }

    /// <summary>A run whose job is cancelled while it is checked is aborted: nobody will read it.</summary>
    private static async Task<bool> CheckRunAsync(ApifyClient apify, ApifyStartedRun run, TimeSpan wait, CancellationToken cancellationToken)
    {
        try
        {
            return await apify.CheckRunAsync(run, wait, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await apify.AbortRunAsync(run, "its job was cancelled");
            throw;
        }
    }

    private async Task<InstagramProfile> PickAsync(ProfileStore store, string username, IReadOnlyList<InstagramProfile> profiles, CancellationToken cancellationToken)
    {
        // The actor answers a missing account with an item carrying its error, or with no item at all.
        var profile = profiles.FirstOrDefault(p => string.Equals(p.Username, username, StringComparison.OrdinalIgnoreCase)) ?? (profiles.Count > 0 ? profiles[0] : null);
        if (profile is null or { Error: NotFoundError })
        {
            await store.RecordUnknownAsync(username, time.GetUtcNow(), cancellationToken);
            throw new PermanentJobFailureException($"Instagram profile '{username}' does not exist.");
        }

        // Another error may be Instagram's passing refusal: the attempt is retried.
        return profile.Error is { } error ? throw new InvalidOperationException($"Apify could not fetch the Instagram profile '{username}' ({error}).") : profile;
    }

    /// <summary>The re-hosted URL, or null: an image that cannot be copied is logged, and its post is stored without it.</summary>
    private async Task<string?> RehostAsync(string? sourceUrl, string keyPrefix, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(sourceUrl, UriKind.Absolute, out var source))
        {
            return null;
        }

        try
        {
            return (await media.RehostAsync(source, keyPrefix, cancellationToken)).Url.AbsoluteUri;
        }
        catch (ProviderException exception)
        {
            LogImageNotCopied(logger, exception, keyPrefix);
            return null;
        }
    }

    private async Task<JobStep> AggregateAsync(JobExecutionContext context, ProfileStore store, string username, ProfileAnalysisCheckpoint checkpoint,
        CancellationToken cancellationToken)
    {
        var children = await context.ReadChildrenAsync(cancellationToken);
        var failed = children.Where(c => c.Status != JobStatuses.Completed).ToList();
        if (failed.Count == children.Count)
        {
            throw new PermanentJobFailureException($"The AI analysis of the posts of '{username}' failed: {failed[0].ErrorMessage ?? failed[0].Status}");
        }

        if (failed.Count > 0)
        {
            LogPartialAnalysis(logger, failed.Count, children.Count, username);
        }

        return await FinishAsync(context, store, username, checkpoint.PostIds, cancellationToken);
    }

    /// <summary>R-003-17 step 5: the insights stored as the R-000-1 cached body, the cache refreshed, the body as the job's result.</summary>
    private async Task<JobStep> FinishAsync(JobExecutionContext context, ProfileStore store, string username, IReadOnlyList<string> postIds,
        CancellationToken cancellationToken)
    {
        await context.ReportProgressAsync(AggregatingPercent, Aggregating);
        var profile = await store.FindProfileAsync(username, cancellationToken)
            ?? throw new InvalidOperationException($"The stored profile '{username}' is gone.");
        var analyzedAt = time.GetUtcNow();
        var body = ProfileResponse.Of(username, profile, ProfileInsights.Aggregate(await store.ReadAnalysesAsync(postIds, cancellationToken), analyzedAt));
        var json = JsonSerializer.Serialize(body, JobJson.Options);
        await store.SaveProfileAnalysisAsync(username, json, analyzedAt, cancellationToken);
        await cache.RememberAsync(username, json, analyzedAt, analyzedAt);
        return new JobStep.Complete(JsonSerializer.SerializeToElement(body, JobJson.Options));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "An image ({KeyPrefix}) could not be re-hosted; stored without it.")]
    private static partial void LogImageNotCopied(ILogger logger, Exception exception, string keyPrefix);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Failed} of {Children} post analysis batches of '{Username}' failed; the insights use the others.")]
    private static partial void LogPartialAnalysis(ILogger logger, int failed, int children, string username);
}
