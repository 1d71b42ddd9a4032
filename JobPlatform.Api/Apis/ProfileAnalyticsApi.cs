using System.Globalization;
using System.Text;
using System.Text.Json;
using JobPlatform.Api.Auth;
using JobPlatform.Api.Jobs;
using JobPlatform.Api.Model;
using JobPlatform.Api.Validation;
using JobPlatform.Engine.Jobs;
using JobPlatform.ProfileAnalytics.Instagram;
using JobPlatform.ProfileAnalytics.Jobs;
using JobPlatform.ProfileAnalytics.Model;
using JobPlatform.ProfileAnalytics.Reads;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace JobPlatform.Api.Apis;

/// <summary>
/// Seed 000's Instagram profile analytics (R-000-1 to R-000-3): answered from the cache when an analysis is fresh,
/// otherwise with what is stored and a <c>profile_analysis</c> job. A caller has at most one live analysis job per
/// username (its active key): a page reload gets that job back, and is not charged again. Errors are R-000-11's body.
/// </summary>
public static class ProfileAnalyticsApi
{
    /// <summary>The posts endpoint answers the newest this many (R-000-9: &lt; 100 ms).</summary>
    public const int MaxPosts = 100;

    public static IEndpointRouteBuilder MapProfileAnalyticsApi(this IEndpointRouteBuilder app)
    {
        var instagram = app.MapGroup("/api/v1/instagram").RequireAuthorization(Policies.User).WithTags("Instagram profile analytics")
            .ProducesCallerErrors<SuccessErrorResponse>();
        instagram.MapGet("/profile/{username}", GetInstagramProfile)
            .WithName(nameof(GetInstagramProfile))
            .WithSummary("Get a profile with its AI analysis")
            .WithDescription("""
                Never waits for Apify, AI or CDN work. A fresh analysis (under an hour old) is answered as it is, with
                `ai_analysis.available: true`. Otherwise the stored profile (members null when never fetched), its older
                analysis or `ai_analysis: {"available": false}`, and `background_job`: the `profile_analysis` job now
                computing it (the caller's live one for this username, else a new one, charged). When the job is refused
                (credits, tier limits, lane full), `background_job_error` says why, and the answer is still 200.
                404 when Instagram said the username does not exist.
                """)
            .Produces<ProfileResponse>()
            .Produces<SuccessErrorResponse>(StatusCodes.Status400BadRequest, "application/json")
            .Produces<SuccessErrorResponse>(StatusCodes.Status404NotFound, "application/json");
        instagram.MapGet("/posts/{username}", GetInstagramPosts)
            .WithName(nameof(GetInstagramPosts))
            .WithSummary("Get a profile's stored posts with their AI analyses")
            .WithDescription($"""
                The posts stored by the profile's last analyses, newest first, at most {MaxPosts}; a post's `ai_analysis`
                is null until it was analysed. Starts no job. 404 when no profile of that name was ever fetched (or it
                does not exist); a fetched profile without posts (a private account) has an empty list.
                """)
            .Produces<PostsResponse>()
            .Produces<SuccessErrorResponse>(StatusCodes.Status400BadRequest, "application/json")
            .Produces<SuccessErrorResponse>(StatusCodes.Status404NotFound, "application/json");

        var analytics = app.MapGroup("/api/v1/analytics").RequireAuthorization(Policies.User).WithTags("Instagram profile analytics")
            .ProducesCallerErrors<SuccessErrorResponse>();
        analytics.MapPost("/profile/{username}", StartProfileAnalysis)
            .WithName(nameof(StartProfileAnalysis))
            .WithSummary("Start a profile analysis")
            .WithDescription("""
                No body. 200 with `cached: true` and the analysis as `result` when a fresh one exists; otherwise 202 with
                the `profile_analysis` job (the caller's live one for this username, else a new one, charged). The same
                `Idempotency-Key` returns the same job; 402 without credits, 429 at the tier's limits, 503 when the lane
                is full.
                """)
            .Produces<SuccessErrorResponse>(StatusCodes.Status400BadRequest, "application/json")
            .Produces<SuccessErrorResponse>(StatusCodes.Status402PaymentRequired, "application/json")
            .Produces<SuccessErrorResponse>(StatusCodes.Status404NotFound, "application/json")
            .Produces<SuccessErrorResponse>(StatusCodes.Status422UnprocessableEntity, "application/json");
        return app;
    }

    /// <summary>R-000-1, R-000-2.</summary>
    public static async Task<Results<ContentHttpResult, Ok<ProfileResponse>, JsonHttpResult<SuccessErrorResponse>>> GetInstagramProfile(
        string username, HttpContext http, ProfileReader reader, JobTypeRegistry types, JobAcceptor acceptor, CancellationToken cancellationToken)
    {
        if (!InstagramUsername.TryNormalize(username, out var name))
        {
            return Error(StatusCodes.Status400BadRequest, $"username {InstagramUsername.Rule}");
        }

        switch (await reader.LookUpAsync(name))
        {
            case ProfileLookup.Fresh fresh:
                return TypedResults.Text(fresh.Body, "application/json", Encoding.UTF8);
            case ProfileLookup.Unknown:
                return DoesNotExist(name);
            case ProfileLookup.NeedsAnalysis(var stored):
                var body = ProfileReader.Basic(name, stored);
                return TypedResults.Ok(await AcceptAsync(http, name, null, types, acceptor, cancellationToken) switch
                {
                    AcceptOutcome.Accepted(var job, _) => body with { BackgroundJob = BackgroundJob.For(job.Id, JobStatuses.Shown(job.Status)) },
                    AcceptOutcome.Live(var job) => body with { BackgroundJob = BackgroundJob.For(job.Id, JobStatuses.Shown(job.Status)) },
                    AcceptOutcome.Refused refused => body with { BackgroundJobError = new BackgroundJobError(refused.StatusCode, refused.Detail) },
                    var outcome => throw new InvalidOperationException($"Unknown outcome {outcome}."),
                });
            default:
                throw new InvalidOperationException("Unknown lookup.");
        }
    }

    /// <summary>R-000-3.</summary>
    public static async Task<Results<Accepted<ProfileAnalysisQueuedResponse>, Ok<ProfileAnalysisCachedResponse>, JsonHttpResult<SuccessErrorResponse>>>
        StartProfileAnalysis(string username, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, HttpContext http, ProfileReader reader,
            JobTypeRegistry types, JobAcceptor acceptor, IOptions<JobEngineOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!InstagramUsername.TryNormalize(username, out var name))
        {
            return Error(StatusCodes.Status400BadRequest, $"username {InstagramUsername.Rule}");
        }

        if (idempotencyKey is not null && TextInput.FindProblem(idempotencyKey, "Idempotency-Key", InputLimits.IdempotencyKeyLength) is { } keyProblem)
        {
            return Error(StatusCodes.Status400BadRequest, keyProblem);
        }

        switch (await reader.LookUpAsync(name))
        {
            case ProfileLookup.Fresh fresh:
                using (var result = JsonDocument.Parse(fresh.Body))
                {
                    return TypedResults.Ok(new ProfileAnalysisCachedResponse(true, true, null, JobStatuses.Completed, result.RootElement.Clone(), time.GetUtcNow()));
                }

            case ProfileLookup.Unknown:
                return DoesNotExist(name);
        }

        var type = types.Find(ProfileAnalysisJobType.JobName)!;
        switch (await AcceptAsync(http, name, idempotencyKey, types, acceptor, cancellationToken))
        {
            case AcceptOutcome.Refused refused:
                if (refused.RetryAfter is { } retryAfter)
                {
                    http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }

                return Error(refused.StatusCode, refused.Detail);
            case AcceptOutcome.Accepted(var job, var position):
                return Queued(job, position);
            case AcceptOutcome.Live(var job):
                // The engine tells no live job's place in its lane: 0, as the generic API answers an idempotent replay.
                return Queued(job, 0);
            case var outcome:
                throw new InvalidOperationException($"Unknown outcome {outcome}.");
        }

        Accepted<ProfileAnalysisQueuedResponse> Queued(Engine.Data.Job job, int position)
        {
            var pollingUrl = JobsApi.PollingUrl(job.Id);
            return TypedResults.Accepted(pollingUrl, new ProfileAnalysisQueuedResponse(true, job.Id, JobStatuses.Shown(job.Status), position,
                JobsApi.EstimateSeconds(options.Value.Lane(job.Priority), position, type), pollingUrl, JobsApi.WebsocketUrl(http, job.Id),
                time.GetUtcNow(), false));
        }
    }

    /// <summary>The posts stored for a profile, with their analyses; reads only.</summary>
    public static async Task<Results<Ok<PostsResponse>, JsonHttpResult<SuccessErrorResponse>>> GetInstagramPosts(
        string username, ProfileReader reader, CancellationToken cancellationToken)
    {
        if (!InstagramUsername.TryNormalize(username, out var name))
        {
            return Error(StatusCodes.Status400BadRequest, $"username {InstagramUsername.Rule}");
        }

        return await reader.ReadPostsAsync(name, MaxPosts, cancellationToken) switch
        {
            PostsLookup.Found(var posts) => TypedResults.Ok(new PostsResponse(true, name, posts.Select(PostResponse.From).ToList())),
            _ => Error(StatusCodes.Status404NotFound,
                $"No Instagram profile '{name}' has been fetched: GET /api/v1/instagram/profile/{name} starts its analysis, unless it does not exist."),
        };
    }

    /// <summary>A <c>profile_analysis</c> job, keyed live per caller and username (R-000-1, R-003-6), in its lane (R-003-3).</summary>
    private static Task<AcceptOutcome> AcceptAsync(HttpContext http, string username, string? idempotencyKey, JobTypeRegistry types, JobAcceptor acceptor,
        CancellationToken cancellationToken) =>
        acceptor.AcceptAsync(Caller.From(http.User), new JobRequest(types.Find(ProfileAnalysisJobType.JobName)!, Priorities.Normal,
            JsonSerializer.SerializeToElement(new ProfileAnalysisParameters(username), JobJson.Options), idempotencyKey,
            ActiveKey: $"{ProfileAnalysisJobType.JobName}:{username}"), cancellationToken);

    private static JsonHttpResult<SuccessErrorResponse> DoesNotExist(string username) =>
        Error(StatusCodes.Status404NotFound, $"Instagram profile '{username}' does not exist.");

    private static JsonHttpResult<SuccessErrorResponse> Error(int statusCode, string detail) =>
        TypedResults.Json(SuccessErrorResponse.Of(detail), statusCode: statusCode, contentType: "application/json");
}
