using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using JobPlatform.Api.Auth;
using JobPlatform.Engine.Data;
using JobPlatform.Engine.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace JobPlatform.Api.Jobs;

/// <summary>A validated request to run a job.</summary>
public sealed record JobRequest(IJobHandler Handler, string Priority, JsonElement Parameters, string? IdempotencyKey);

/// <summary>What became of a request: accepted (possibly an idempotent replay), or refused by a rule.</summary>
public abstract record AcceptOutcome
{
    public sealed record Accepted(Job Job, int QueuePosition) : AcceptOutcome;

    public sealed record Refused(int StatusCode, string Title, string Detail, TimeSpan? RetryAfter = null) : AcceptOutcome;
}

/// <summary>
/// The accept path: in one transaction, with the tenant's row locked so concurrent requests of a tenant are checked
/// one after another, it applies idempotency, the tier's concurrent and daily limits, the lane's capacity and the
/// credit balance, deducts the cost and records the job. Queueing happens after the commit (see <see cref="JobDispatchQueue"/>).
/// </summary>
public sealed class JobAcceptor(JobsDbContext db, IOptions<JobEngineOptions> options, JobDispatchQueue dispatch, TimeProvider time)
{
    public Task<AcceptOutcome> AcceptAsync(Caller caller, JobRequest request, CancellationToken cancellationToken) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            try
            {
                return await AcceptOnceAsync(caller, request, cancellationToken);
            }
            catch (DbUpdateException exception) when (exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                // A concurrent request with the same idempotency key won: answer with its job.
                db.ChangeTracker.Clear();
                return await ReplayAsync(caller, request, cancellationToken)
                    ?? throw new InvalidOperationException("Unique violation without an idempotent match.", exception);
            }
        });

    private async Task<AcceptOutcome> AcceptOnceAsync(Caller caller, JobRequest request, CancellationToken cancellationToken)
    {
        if (await ReplayAsync(caller, request, cancellationToken) is { } replay)
        {
            return replay;
        }

        var rules = options.Value;
        var tier = rules.Tiers[caller.Tier];
        var lane = rules.Lane(request.Priority);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var tenant = await db.Tenants.FromSql($"SELECT * FROM tenants WHERE id = {caller.TenantId} FOR UPDATE").SingleAsync(cancellationToken);

        var active = await db.Jobs.CountAsync(
            j => j.TenantId == caller.TenantId && (j.Status == JobStatuses.Queued || j.Status == JobStatuses.Processing), cancellationToken);
        if (active >= tier.MaxConcurrent)
        {
            return new AcceptOutcome.Refused(StatusCodes.Status429TooManyRequests, "Concurrent job limit reached",
                $"The {caller.Tier} tier allows {tier.MaxConcurrent} queued or running jobs at once; this tenant has {active}. Retry when one finishes.",
                TimeSpan.FromSeconds(5));
        }

        var now = time.GetUtcNow();
        var startOfDay = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        if (tier.DailyLimit is { } dailyLimit)
        {
            var today = await db.Jobs.CountAsync(j => j.TenantId == caller.TenantId && j.CreatedAt >= startOfDay, cancellationToken);
            if (today >= dailyLimit)
            {
                return new AcceptOutcome.Refused(StatusCodes.Status429TooManyRequests, "Daily job limit reached",
                    $"The {caller.Tier} tier allows {dailyLimit} jobs per UTC day; the limit resets at 00:00 UTC.",
                    startOfDay.AddDays(1) - now);
            }
        }

        var queuedInLane = await db.Jobs.CountAsync(j => j.Status == JobStatuses.Queued && j.Priority == request.Priority, cancellationToken);
        if (queuedInLane >= lane.MaxQueued)
        {
            return new AcceptOutcome.Refused(StatusCodes.Status503ServiceUnavailable, "Lane full",
                $"The {request.Priority} lane holds its maximum of {lane.MaxQueued} queued jobs. Retry shortly or use another priority.",
                TimeSpan.FromSeconds(10));
        }

        var cost = request.Handler.Cost;
        if (tenant.Credits < cost)
        {
            return new AcceptOutcome.Refused(StatusCodes.Status402PaymentRequired, "Insufficient credits",
                $"A {request.Handler.JobType} job costs {cost} credits; the balance is {tenant.Credits}.");
        }

        tenant.Credits -= cost;
        var job = new Job
        {
            Id = Guid.CreateVersion7(),
            TenantId = caller.TenantId,
            UserId = caller.UserId,
            JobType = request.Handler.JobType,
            Priority = request.Priority,
            Status = JobStatuses.Queued,
            Parameters = request.Parameters.GetRawText(),
            IdempotencyKey = request.IdempotencyKey,
            RequestHash = request.IdempotencyKey is null ? null : RequestHash(request),
            Cost = cost,
            MaxAttempts = rules.RetryDelays.Length + 1,
            CreatedAt = now,
            RunAfter = now,
        };
        db.Jobs.Add(job);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        dispatch.Enqueue(job);
        return new AcceptOutcome.Accepted(job, queuedInLane + 1);
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

    private static byte[] RequestHash(JobRequest request) =>
        SHA256.HashData(Encoding.UTF8.GetBytes($"{request.Handler.JobType}\n{request.Priority}\n{request.Parameters.GetRawText()}"));
}
