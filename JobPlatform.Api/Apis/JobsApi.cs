using System.Globalization;
using System.ComponentModel;
using System.Text;
using System.Text.Json;
using JobPlatform.Api.Auth;
using JobPlatform.Api.Model;
using JobPlatform.Api.Jobs;
using JobPlatform.Api.Validation;
using JobPlatform.Engine.Data;
using JobPlatform.Engine.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace JobPlatform.Api.Apis;

/// <summary>The generic job API. Every route acts only on the caller's own jobs: another user's job is 404.</summary>
public static class JobsApi
{
    private const int DefaultPageSize = 50;
    private const int MaxPageSize = 200;

    public static RouteGroupBuilder MapJobsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/jobs").RequireAuthorization(Policies.User).WithTags("Jobs").ProducesCallerProblems();
        api.MapPost("/", CreateJob).WithMetadata(new RequestSizeLimitAttribute(InputLimits.JobRequestBodyBytes))
            .WithName(nameof(CreateJob))
            .WithSummary("Submit a job")
            .WithDescription("""
                Validates the request, records the job and queues it on its priority's lane; answers in milliseconds with
                the job id and where to follow it. The same `Idempotency-Key` with the same body returns the same job;
                with another body it is 422. The job's cost is charged to the tenant's credits (402 when they do not
                cover it). 429 when the tier's concurrent or daily jobs are reached, or the key's request rate;
                503 with `Retry-After` when the lane is full.

                `content_analysis` (1 credit, AI workers): parameters `{"posts": [{"id": "...", "text": "..."}]}`, 1 to
                500 posts with distinct ids (1 to 100 characters), each text at most 5,000 characters, the whole
                request within 256 KiB. Result `{"posts": [{"id", "language": {"code", "confidence"}, "sentiment":
                {"label", "score"}, "category": {"label", "confidence"}, "engine"}]}`, in the order given: ISO 639-1
                codes (`und` when undetermined), sentiment `positive|neutral|negative` with a score from -1 to 1,
                category one of fashion, beauty, food, travel, fitness, sports, tech, music, family, business, pets,
                other; `engine` is `local` or `llm`.
                """)
            .ProducesJsonBodyProblems()
            .ProducesProblem(StatusCodes.Status402PaymentRequired)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        api.MapGet("/", ListJobs)
            .WithName(nameof(ListJobs))
            .WithSummary("List the caller's jobs")
            .WithDescription("Newest first, at most `limit` (1 to 200, default 50) per page; pass `next_cursor` back as `cursor` for the next page.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapGet("/{jobId:guid}/status", GetJobStatus)
            .WithName(nameof(GetJobStatus))
            .WithSummary("Get a job's status")
            .WithDescription("Status (`queued`, `processing`, `completed`, `failed`, `cancelled`), progress, attempts, error and result.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{jobId:guid}/results", GetJobResults)
            .WithName(nameof(GetJobResults))
            .WithSummary("Get the rows a job produced")
            .WithDescription("In row order, `page_size` (1 to 1000, default 100) per page; available as they are written, complete once the job completed. A page past the end is empty.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapDelete("/{jobId:guid}", CancelJob)
            .WithName(nameof(CancelJob))
            .WithSummary("Cancel a job")
            .WithDescription("A queued job never starts and its cost is refunded; a running one stops within a second. 409 when the job already finished.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    public static async Task<Results<Accepted<JobAcceptedResponse>, ProblemHttpResult>> CreateJob(
        CreateJobRequest request, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        HttpContext http, JobTypeRegistry types, JobAcceptor acceptor, IOptions<JobEngineOptions> options, TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (Validate(request, idempotencyKey, types) is { } invalid)
        {
            return invalid;
        }

        var type = types.Find(request.JobType!)!;
        var priority = request.Priority ?? Priorities.Normal;
        var outcome = await acceptor.AcceptAsync(Caller.From(http.User),
            new JobRequest(type, priority, request.Parameters!.Value, idempotencyKey), cancellationToken);
        switch (outcome)
        {
            case AcceptOutcome.Refused refused:
                if (refused.RetryAfter is { } retryAfter)
                {
                    http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }

                return TypedResults.Problem(refused.Detail, statusCode: refused.StatusCode, title: refused.Title);
            case AcceptOutcome.Accepted(var job, var position):
                var pollingUrl = PollingUrl(job.Id);
                return TypedResults.Accepted(pollingUrl, new JobAcceptedResponse(true, job.Id, job.Status, position,
                    EstimateSeconds(options.Value.Lane(job.Priority), position, type), pollingUrl, WebsocketUrl(http, job.Id), time.GetUtcNow()));
            default:
                throw new InvalidOperationException($"Unknown outcome {outcome}.");
        }
    }

    public static async Task<Results<Ok<JobStatusResponse>, ProblemHttpResult>> GetJobStatus(
        Guid jobId, HttpContext http, JobStatusCache cache, StatusReadBatcher reads, TimeProvider time)
    {
        var caller = Caller.From(http.User);
        if (await cache.FindAsync(jobId, caller.UserId) is { } cached)
        {
            return TypedResults.Ok(cached);
        }

        var job = await reads.RunAsync(jobId);
        if (job is null || job.UserId != caller.UserId)
        {
            return NotFound(jobId);
        }

        var status = JobStatusResponse.From(job, time.GetUtcNow());
        await cache.RememberAsync(job, status);
        return TypedResults.Ok(status);
    }

    /// <summary>The rows a job produced, in row order; available as they are written, complete once the job completed.</summary>
    public static async Task<Results<Ok<JobResultsResponse>, ProblemHttpResult>> GetJobResults(
        Guid jobId, HttpContext http, JobsDbContext db, int? page, [FromQuery(Name = "page_size")] int? pageSize, CancellationToken cancellationToken)
    {
        if (page is < 1)
        {
            return BadRequest("page starts at 1.");
        }

        if (pageSize is < 1 or > 1000)
        {
            return BadRequest("page_size must be from 1 to 1000.");
        }

        var caller = Caller.From(http.User);
        var status = await db.Jobs.Where(j => j.Id == jobId && j.UserId == caller.UserId).Select(j => j.Status).SingleOrDefaultAsync(cancellationToken);
        if (status is null)
        {
            return NotFound(jobId);
        }

        var (number, size) = (page ?? 1, pageSize ?? 100);
        var rows = db.JobResults.Where(r => r.JobId == jobId);
        var total = await rows.CountAsync(cancellationToken);
        // In 64 bits: a page far past the end must read as empty, not overflow into a negative offset.
        var offset = (number - 1L) * size;
        List<string> data = offset >= total
            ? []
            : await rows.OrderBy(r => r.RowNo).Skip((int)offset).Take(size).Select(r => r.Data).ToListAsync(cancellationToken);
        return TypedResults.Ok(new JobResultsResponse(jobId, status, number, size, total,
            data.Select(d => JsonDocument.Parse(d).RootElement.Clone()).ToList()));
    }

    public static async Task<Results<Ok<JobListResponse>, ProblemHttpResult>> ListJobs(
        HttpContext http, JobsDbContext db, JobTypeRegistry types, string? status, [FromQuery(Name = "job_type")] string? jobType,
        string? cursor, int? limit, TimeProvider time, CancellationToken cancellationToken)
    {
        if (status is not null && !JobStatuses.All.Contains(status))
        {
            return BadRequest($"status must be one of {string.Join(", ", JobStatuses.All)}.");
        }

        if (jobType is not null && types.Find(jobType) is null)
        {
            return BadRequest($"job_type must be one of: {string.Join(", ", types.Names.Order())}.");
        }

        if (limit is < 1 or > MaxPageSize)
        {
            return BadRequest($"limit must be from 1 to {MaxPageSize}.");
        }

        var caller = Caller.From(http.User);
        var query = db.Jobs.AsNoTracking().Where(j => j.UserId == caller.UserId);
        if (status is not null)
        {
            var stored = JobStatuses.Stored(status);
            query = query.Where(j => stored.Contains(j.Status));
        }

        if (jobType is not null)
        {
            query = query.Where(j => j.JobType == jobType);
        }

        if (cursor is not null)
        {
            if (!TryReadCursor(cursor, out var createdAt, out var id))
            {
                return BadRequest("cursor is not one this API returned.");
            }

            // Keyset pagination on (created_at, id) descending: stable while new jobs arrive.
            query = query.Where(j => j.CreatedAt < createdAt || (j.CreatedAt == createdAt && j.Id.CompareTo(id) < 0));
        }

        var pageSize = limit ?? DefaultPageSize;
        var page = await query.OrderByDescending(j => j.CreatedAt).ThenByDescending(j => j.Id).Take(pageSize + 1).ToListAsync(cancellationToken);
        var next = page.Count > pageSize ? WriteCursor(page[pageSize - 1]) : null;
        return TypedResults.Ok(new JobListResponse(page.Take(pageSize).Select(job => JobStatusResponse.From(job, time.GetUtcNow())).ToList(), next));
    }

    public static async Task<Results<Ok<JobCancelResponse>, ProblemHttpResult>> CancelJob(
        Guid jobId, HttpContext http, JobCanceller canceller, CancellationToken cancellationToken)
    {
        var outcome = await canceller.CancelAsync(Caller.From(http.User), jobId, cancellationToken);
        return outcome switch
        {
            null => NotFound(jobId),
            { AlreadyFinished: true } => TypedResults.Problem(
                $"Job {jobId} is already {outcome.Status}; only queued or processing jobs can be cancelled.",
                statusCode: StatusCodes.Status409Conflict, title: "Job already finished"),
            { Status: JobStatuses.Cancelled } => TypedResults.Ok(new JobCancelResponse(jobId, outcome.Status, "Job cancelled successfully")),
            _ => TypedResults.Ok(new JobCancelResponse(jobId, outcome.Status, "Cancellation requested; the running attempt is being stopped.")),
        };
    }

    private static ProblemHttpResult? Validate(CreateJobRequest request, string? idempotencyKey, JobTypeRegistry types)
    {
        if (string.IsNullOrWhiteSpace(request.JobType) || types.Find(request.JobType) is not { ChildOnly: false } type)
        {
            return BadRequest($"job_type must be one of: {string.Join(", ", types.Names.Where(name => !types.Find(name)!.ChildOnly).Order())}.");
        }

        if (request.Priority is not null && !Priorities.All.Contains(request.Priority))
        {
            return BadRequest($"priority must be one of: {string.Join(", ", Priorities.All)}.");
        }

        if (request.Parameters is not { ValueKind: JsonValueKind.Object } parameters)
        {
            return BadRequest("parameters must be a JSON object.");
        }

        if (idempotencyKey is not null && TextInput.FindProblem(idempotencyKey, "Idempotency-Key", InputLimits.IdempotencyKeyLength) is { } keyProblem)
        {
            return BadRequest(keyProblem);
        }

        if (StorableJson.FindProblem(parameters, "parameters", InputLimits.ParameterStringLength) is { } storable)
        {
            return BadRequest(storable);
        }

        return type.Validate(parameters) is { } message ? BadRequest(message) : null;
    }

    internal static string PollingUrl(Guid jobId) => $"/api/v1/jobs/{jobId}/status";

    /// <summary>On the request's own scheme and host (R-000-3): the URL a browser reaches this API at.</summary>
    internal static string WebsocketUrl(HttpContext http, Guid jobId) => $"{(http.Request.IsHttps ? "wss" : "ws")}://{http.Request.Host}/ws/jobs/{jobId}";

    /// <summary>Seconds until a job at <paramref name="position"/> in its lane is done: the rounds of the lane's workers ahead of it, each a run of its type.</summary>
    internal static int EstimateSeconds(LaneOptions lane, int position, IJobType type) =>
        (int)Math.Ceiling((Math.Max(position, 1) + lane.Concurrency - 1) / (double)lane.Concurrency * type.EstimatedDuration.TotalSeconds);

    internal static ProblemHttpResult NotFound(Guid jobId) =>
        TypedResults.Problem($"There is no job {jobId} for this API key.", statusCode: StatusCodes.Status404NotFound, title: "Job not found");

    internal static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid request");

    private static string WriteCursor(Job job) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{job.CreatedAt.UtcTicks}:{job.Id}"));

    private static bool TryReadCursor(string cursor, out DateTimeOffset createdAt, out Guid id)
    {
        createdAt = default;
        id = default;
        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(cursor)).Split(':');
            if (parts.Length == 2 && long.TryParse(parts[0], out var ticks) && ticks >= 0 && ticks <= DateTimeOffset.MaxValue.UtcTicks && Guid.TryParse(parts[1], out id))
            {
                createdAt = new DateTimeOffset(ticks, TimeSpan.Zero);
                return true;
            }
        }
        catch (FormatException)
        {
            // Falls through: not ours.
        }

        return false;
    }
}
