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

/// <summary>A validated request to run a job.</summary>
public sealed record JobRequest(IJobHandler Handler, string Priority, JsonElement Parameters, string? IdempotencyKey);

/// <summary>What became of a request: accepted (possibly an idempotent replay), or refused by a rule.</summary>
public abstract record AcceptOutcome
{
    public sealed record Accepted(Job Job, int QueuePosition) : AcceptOutcome;

    public sealed record Refused(int StatusCode, string Title, string Detail, TimeSpan? RetryAfter = null) : AcceptOutcome;

    /// <summary>A concurrent request with the same idempotency key was recorded first.</summary>
    public sealed record IdempotencyKeyTaken : AcceptOutcome;
}

/// <summary>
/// The accept path of one request: answers an idempotent replay from the job already recorded, otherwise builds the
/// job and hands it to the <see cref="AcceptBatcher"/>, which checks the rules and records it with the requests
/// arriving at the same moment, in one transaction.
/// </summary>
public sealed class JobAcceptor(JobsDbContext db, IOptions<JobEngineOptions> options, AcceptBatcher batcher, JobParameterSealer sealer, TimeProvider time)
{
    public async Task<AcceptOutcome> AcceptAsync(Caller caller, JobRequest request, CancellationToken cancellationToken)
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
            JobType = request.Handler.JobType,
            Priority = request.Priority,
            Status = JobStatuses.Queued,
            Parameters = sealer.Seal(request.Handler, jobId, request.Parameters),
            IdempotencyKey = request.IdempotencyKey,
            RequestHash = request.IdempotencyKey is null ? null : RequestHash(request),
            Cost = request.Handler.Cost,
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
        SHA256.HashData(Encoding.UTF8.GetBytes($"{request.Handler.JobType}\n{request.Priority}\n{request.Parameters.GetRawText()}"));
}
