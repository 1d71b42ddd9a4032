using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using JobPlatform.Providers.Http;
using JobPlatform.Providers.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace JobPlatform.Providers.Apify;

/// <summary>
/// The Instagram actors on Apify, run the way Apify recommends for runs of minutes: start the run, poll its status until
/// it ends, then read its dataset page by page. Either in one call that long-polls, or step by step for a caller that
/// follows the run itself and holds no worker slot between checks (<see cref="StartProfilesRunAsync"/>,
/// <see cref="CheckRunAsync"/>). A cancelled call aborts its run, so that nobody pays for results nobody reads; so does
/// a run that outlives <see cref="ApifyOptions.MaxRunTime"/>.
/// </summary>
public sealed partial class ApifyClient(HttpClient http, IOptions<ApifyOptions> options, ProviderTelemetry telemetry, TimeProvider time,
    ILogger<ApifyClient> logger)
{
    // A poll's answer is held up to its waitForFinish: the attempt gets that and this much more.
    private static readonly TimeSpan PollTimeoutMargin = TimeSpan.FromSeconds(15);

    // A run just started may not yet be visible to every replica of Apify's database: a 404 within this time is
    // "not yet", as in Apify's own client (DEFAULT_WAIT_WHEN_JOB_NOT_EXIST).
    private static readonly TimeSpan NotYetVisibleGrace = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan NotYetVisiblePause = TimeSpan.FromMilliseconds(500);

    private readonly ApifyOptions _options = options.Value;
    private readonly ProviderCaller _caller = new(http, ProviderIdentity.Apify, ApifyFaults.Instance, telemetry, options.Value.Secrets);

    /// <summary>The profiles of <paramref name="usernames"/> (one item each, with about 12 latest posts).</summary>
    public Task<IReadOnlyList<InstagramProfile>> GetProfilesAsync(IReadOnlyCollection<string> usernames, CancellationToken cancellationToken = default) =>
        RunActorAsync<InstagramProfile>(_options.Actors.Profiles, new ProfileScraperInput(usernames), cancellationToken);

    /// <summary>Up to <paramref name="limit"/> posts of <paramref name="username"/>, newest first, optionally only those after <paramref name="newerThan"/>.</summary>
    public Task<IReadOnlyList<InstagramPost>> GetPostsAsync(string username, int limit, DateOnly? newerThan = null, CancellationToken cancellationToken = default) =>
        RunActorAsync<InstagramPost>(_options.Actors.Posts,
            new PostScraperInput([username], limit, newerThan?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), cancellationToken);

    /// <summary>Up to <paramref name="limit"/> reels of <paramref name="username"/>, newest first.</summary>
    public Task<IReadOnlyList<InstagramPost>> GetReelsAsync(string username, int limit, CancellationToken cancellationToken = default) =>
        RunActorAsync<InstagramPost>(_options.Actors.Reels, new PostScraperInput([username], limit), cancellationToken);

    /// <summary>Up to <paramref name="maxCount"/> followers of <paramref name="username"/>.</summary>
    public Task<IReadOnlyList<InstagramFollower>> GetFollowersAsync(string username, int maxCount, CancellationToken cancellationToken = default) =>
        RunActorAsync<InstagramFollower>(_options.Actors.Followers, new FollowersScraperInput([username], maxCount), cancellationToken);

    /// <summary>Starts a run of the profile scraper for <paramref name="usernames"/>, for its caller to follow (<see cref="CheckRunAsync"/>).</summary>
    public Task<ApifyStartedRun> StartProfilesRunAsync(IReadOnlyCollection<string> usernames, CancellationToken cancellationToken = default) =>
        StartRunAsync(_options.Actors.Profiles, new ProfileScraperInput(usernames), cancellationToken);

    /// <summary>The items of a profile scraper's run that <see cref="CheckRunAsync"/> found succeeded.</summary>
    public Task<IReadOnlyList<InstagramProfile>> ReadProfilesAsync(ApifyStartedRun run, CancellationToken cancellationToken = default) =>
        ReadDatasetAsync<InstagramProfile>(run.DatasetId, cancellationToken);

    /// <summary>
    /// True once <paramref name="run"/> has succeeded, false while it runs; Apify holds the answer up to
    /// <paramref name="wait"/> (whole seconds; zero answers at once). A run that ended otherwise, or outlived
    /// <see cref="ApifyOptions.MaxRunTime"/> (then it is aborted), fails as transient: another run may succeed. So does a
    /// check that fails, after aborting the run: nobody will read it any more.
    /// </summary>
    public async Task<bool> CheckRunAsync(ApifyStartedRun run, TimeSpan wait, CancellationToken cancellationToken = default)
    {
        var elapsed = time.GetUtcNow() - run.StartedAt;
        var left = _options.MaxRunTime - elapsed;
        if (left <= TimeSpan.Zero)
        {
            await AbortAsync(run.Id, "it outlived Providers:Apify:MaxRunTime");
            throw new ProviderException(ProviderIdentity.Apify.Name, string.Create(CultureInfo.InvariantCulture,
                $"Apify run {run.Id} of {run.Actor} did not end within {_options.MaxRunTime.TotalSeconds:0} s; it was aborted."), transient: true);
        }

        ApifyRun? state;
        try
        {
            state = await PollAsync(run.Id, TimeSpan.FromSeconds(Math.Ceiling(Math.Min(wait.TotalSeconds, left.TotalSeconds))),
                mayNotBeVisibleYet: elapsed < NotYetVisibleGrace, cancellationToken);
        }
        catch (ProviderException)
        {
            await AbortAsync(run.Id, "it could no longer be followed");
            throw;
        }

        return state switch
        {
            null or { HasEnded: false } => false,
            { Status: ApifyRunStatus.Succeeded } => true,
            // The run's own failure (Instagram blocking, its timeout): another run may succeed, so the job retries.
            _ => throw new ProviderException(ProviderIdentity.Apify.Name, $"Apify run {run.Id} of {run.Actor} ended {state.Status}.", transient: true),
        };
    }

    /// <summary>Aborts a run nobody will read (its job was cancelled): best effort, as every abort.</summary>
    public Task AbortRunAsync(ApifyStartedRun run, string reason) => AbortAsync(run.Id, reason);

    /// <summary>Starts the run and follows it to its end in one call, long-polling: for callers that may hold their slot meanwhile.</summary>
    private async Task<IReadOnlyList<TItem>> RunActorAsync<TItem>(string actor, object input, CancellationToken cancellationToken)
    {
        using var activity = ProviderTelemetry.StartOperation(ProviderIdentity.Apify, "apify.run")?.SetTag("apify.actor", actor);
        var run = await StartRunAsync(actor, input, cancellationToken);
        activity?.SetTag("apify.run_id", run.Id);
        try
        {
            while (!await CheckRunAsync(run, _options.PollWait, cancellationToken))
            {
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await AbortAsync(run.Id, "its job was cancelled");
            throw;
        }

        return await ReadDatasetAsync<TItem>(run.DatasetId, cancellationToken);
    }

    private async Task<ApifyStartedRun> StartRunAsync(string actor, object input, CancellationToken cancellationToken)
    {
        var query = $"timeout={(int)Math.Ceiling(_options.MaxRunTime.TotalSeconds)}" + (_options.MemoryMbytes is { } memory ? $"&memory={memory}" : "");
        var request = new HttpRequestMessage(HttpMethod.Post, $"v2/acts/{Uri.EscapeDataString(actor)}/runs?{query}")
        {
            Content = JsonContent.Create(input, input.GetType(), options: ProviderJson.Options),
        };
        var started = await _caller.SendJsonAsync<ApifyData<ApifyRun>>(request, new ProviderCall("runs", _options.RequestTimeout, Repeatable: false), "run",
            cancellationToken);
        LogRunStarted(logger, started.Data.Id, actor);
        return new ApifyStartedRun(started.Data.Id, actor, started.Data.DefaultDatasetId, time.GetUtcNow());
    }

    /// <summary>The run's state; null when a run just started is not visible yet (a 404 within <see cref="NotYetVisibleGrace"/>).</summary>
    private async Task<ApifyRun?> PollAsync(string runId, TimeSpan wait, bool mayNotBeVisibleYet, CancellationToken cancellationToken)
    {
        try
        {
            var polled = await _caller.GetJsonAsync<ApifyData<ApifyRun>>(
                $"v2/actor-runs/{Uri.EscapeDataString(runId)}?waitForFinish={(int)wait.TotalSeconds}",
                new ProviderCall("run", wait + PollTimeoutMargin), "run", cancellationToken);
            return polled.Data;
        }
        catch (ProviderException exception) when (exception.StatusCode == HttpStatusCode.NotFound && mayNotBeVisibleYet)
        {
            await Task.Delay(NotYetVisiblePause, time, cancellationToken);
            return null;
        }
    }

    /// <summary>Best effort, on its own time (the caller's token may be what ended): a run not aborted ends at its own timeout.</summary>
    private async Task AbortAsync(string runId, string reason)
    {
        using var giveUp = new CancellationTokenSource(_options.RequestTimeout, time);
        try
        {
            await _caller.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"v2/actor-runs/{Uri.EscapeDataString(runId)}/abort"),
                new ProviderCall("abort", _options.RequestTimeout), (_, _) => Task.FromResult(true), giveUp.Token);
            LogRunAborted(logger, runId, reason);
        }
        catch (Exception exception) when (exception is ProviderException or OperationCanceledException)
        {
            LogAbortFailed(logger, exception, runId, reason);
        }
    }

    /// <summary>
    /// Every item of the dataset. The last page is the one that reaches the total: with <c>clean=1</c> a page can hold
    /// fewer items than asked while more follow, so a short page says nothing.
    /// </summary>
    private async Task<IReadOnlyList<TItem>> ReadDatasetAsync<TItem>(string datasetId, CancellationToken cancellationToken)
    {
        var items = new List<TItem>();
        var pageSize = _options.DatasetPageSize;
        for (var offset = 0; ; offset += pageSize)
        {
            var request = new HttpRequestMessage(HttpMethod.Get,
                $"v2/datasets/{Uri.EscapeDataString(datasetId)}/items?format=json&clean=1&offset={offset}&limit={pageSize}");
            var (page, total) = await _caller.SendAsync(request, new ProviderCall("dataset", _options.RequestTimeout), async (response, token) =>
                (Items: await _caller.ReadJsonAsync<List<TItem>>(response, "dataset page", token), Total: ReadTotal(response)), cancellationToken);
            items.AddRange(page);
            if (offset + pageSize >= total)
            {
                return items;
            }
        }
    }

    private int ReadTotal(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-Apify-Pagination-Total", out var values)
        && int.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var total)
            ? total
            : throw _caller.Malformed("dataset page", "its X-Apify-Pagination-Total header is missing or not a number.");

    [LoggerMessage(Level = LogLevel.Information, Message = "Started Apify run {RunId} of {Actor}.")]
    private static partial void LogRunStarted(ILogger logger, string runId, string actor);

    [LoggerMessage(Level = LogLevel.Information, Message = "Aborted Apify run {RunId}: {Reason}.")]
    private static partial void LogRunAborted(ILogger logger, string runId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not abort Apify run {RunId} ({Reason}); it ends at its own timeout.")]
    private static partial void LogAbortFailed(ILogger logger, Exception exception, string runId, string reason);
}
