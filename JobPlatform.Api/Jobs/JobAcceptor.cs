using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using JobPlatform.Api.Auth;
using JobPlatform.Engine.Data;
using JobPlatform.Engine.Jobs;
using JobPlatform.Engine.Store;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace JobPlatform.Api.Jobs;

/// <summary>
/// A validated request to run a job. With an <paramref name="ActiveKey"/>, a caller who already has a live (queued or
/// running) job of that key gets it back instead of a second one (<see cref="AcceptOutcome.Live"/>).
/// </summary>
public sealed record JobRequest(IJobType Type, string Priority, JsonElement Parameters, string? IdempotencyKey, string? ActiveKey = null);

/// <summary>What became of a request: accepted (possibly an idempotent replay), or refused by a rule.</summary>
public abstract record AcceptOutcome
{
    public sealed record Accepted(Job Job, int QueuePosition) : AcceptOutcome;

    public sealed record Refused(int StatusCode, string Title, string Detail, TimeSpan? RetryAfter = null) : AcceptOutcome;

    /// <summary>The caller's live job with the request's active key: nothing new was recorded or charged.</summary>
    public sealed record Live(Job Job) : AcceptOutcome;

    /// <summary>A concurrent request with the same idempotency key was recorded first.</summary>
    public sealed record IdempotencyKeyTaken : AcceptOutcome;

    /// <summary>The caller has a live job with the request's active key.</summary>
    public sealed record ActiveKeyTaken : AcceptOutcome;
}

/// <summary>
/// The accept path of one request: answers an idempotent replay from the job already recorded, otherwise builds the
/// job and hands it to the <see cref="AcceptBatcher"/>, which checks the rules and records it with the requests
/// arriving at the same moment, in one transaction. A request whose active key is live gets that job: the database
/// refuses the second (a unique index over live jobs), so this holds across replicas without a read first.
/// </summary>
public sealed class JobAcceptor(JobsDbContext db, IOptions<JobEngineOptions> options, AcceptBatcher batcher, JobParameterSealer sealer, TimeProvider time)
{
    /// <summary>A live job whose key is taken may end while we read it: the request is then tried again, this many times in all.</summary>
    private const int ActiveKeyTries = 3;

    public async Task<AcceptOutcome> AcceptAsync(Caller caller, JobRequest request, CancellationToken cancellationToken)
    {
        for (var tries = 1; ; tries++)
        {
            var outcome = await AcceptOnceAsync(caller, request, cancellationToken);
            if (outcome is not AcceptOutcome.ActiveKeyTaken)
            {
                return outcome;
            }

            var live = await db.Jobs.AsNoTracking().Where(j => j.UserId == caller.UserId && j.ActiveKey == request.ActiveKey
                && (j.Status == JobStatuses.Queued || j.Status == JobStatuses.Processing || j.Status == JobStatuses.Waiting))
                .SingleOrDefaultAsync(cancellationToken);
            if (live is not null || tries == ActiveKeyTries)
            {
                return live is not null ? new AcceptOutcome.Live(live) : throw new InvalidOperationException($"The active key '{request.ActiveKey}' stays taken by no live job.");
            }
        }
    }

    private async Task<AcceptOutcome> AcceptOnceAsync(Caller caller, JobRequest request, CancellationToken cancellationToken)
    {
        if (await ReplayAsync(caller, request, cancellationToken) is { } replay)
        {
            return replay;
        }

        var now = time.GetUtcNow();
        var jobId = Guid.CreateVersion7();
        var job = new Job
        {
            Id = jobId,
            TenantId = caller.TenantId,
            UserId = caller.UserId,
            JobType = request.Type.Name,
            Priority = request.Priority,
            Status = JobStatuses.Queued,
            Parameters = sealer.Seal(request.Type, jobId, request.Parameters),
            ActiveKey = request.ActiveKey,
            IdempotencyKey = request.IdempotencyKey,
            RequestHash = request.IdempotencyKey is null ? null : RequestHash(request),
            Cost = request.Type.Cost,
            MaxAttempts = options.Value.Retries.MaxAttempts,
            CreatedAt = now,
            RunAfter = now,
        };
        var outcome = await batcher.RunAsync(new PendingJob(job, caller.Tier));
        return outcome is AcceptOutcome.IdempotencyKeyTaken
            ? await ReplayAsync(caller, request, cancellationToken) ?? throw new InvalidOperationException("Idempotency conflict without a recorded job.")
            : outcome;
    }

    private async Task<AcceptOutcome?> ReplayAsync(Caller caller, JobRequest request, CancellationToken cancellationToken)
    {
        if (request.IdempotencyKey is null)
        {
            return null;
        }

        var existing = await db.Jobs.AsNoTracking()
            .SingleOrDefaultAsync(j => j.UserId == caller.UserId && j.IdempotencyKey == request.IdempotencyKey, cancellationToken);
        if (existing is null)
        {
            return null;
        }

        return existing.RequestHash is { } hash && hash.AsSpan().SequenceEqual(RequestHash(request))
            ? new AcceptOutcome.Accepted(existing, 0)
            : new AcceptOutcome.Refused(StatusCodes.Status422UnprocessableEntity, "Idempotency key reused",
                $"The Idempotency-Key '{request.IdempotencyKey}' was used for a different request (job {existing.Id}). Use a new key for a new request.");
    }

    // Over the request as sent, secrets in clear: a replay must carry the same secret values to get the same job.
    private static byte[] RequestHash(JobRequest request) =>
        SHA256.HashData(Encoding.UTF8.GetBytes($"{request.Type.Name}\n{request.Priority}\n{request.Parameters.GetRawText()}"));
}
