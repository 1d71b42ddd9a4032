using JobPlatform.Api.Auth;
using JobPlatform.Engine.Data;
using JobPlatform.Engine.Jobs;
using Microsoft.EntityFrameworkCore;

namespace JobPlatform.Api.Jobs;

public sealed record CancelOutcome(string Status, bool AlreadyFinished);

/// <summary>
/// Cancels a caller's job: a queued job is cancelled at once and refunded (it never starts: a worker's claim needs
/// status queued); a running one is flagged, and every worker is told, so the one running it cancels its handler.
/// </summary>
public sealed class JobCanceller(JobsDbContext db, JobEvents events, TimeProvider time)
{
    public Task<CancelOutcome?> CancelAsync(Caller caller, Guid jobId, CancellationToken cancellationToken) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var job = await db.Jobs.FromSql($"SELECT * FROM jobs WHERE id = {jobId} AND user_id = {caller.UserId} FOR UPDATE")
                .SingleOrDefaultAsync(cancellationToken);
            if (job is null)
            {
                return null;
            }

            switch (job.Status)
            {
                case JobStatuses.Queued:
                    job.Status = JobStatuses.Cancelled;
                    job.CompletedAt = time.GetUtcNow();
                    job.ProgressMessage = "Cancelled by the owner";
                    await db.Database.ExecuteSqlAsync($"UPDATE tenants SET credits = credits + {job.Cost} WHERE id = {job.TenantId}", cancellationToken);
                    break;
                case JobStatuses.Processing:
                    job.CancelRequested = true;
                    break;
                default:
                    return new CancelOutcome(job.Status, AlreadyFinished: true);
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            if (job.Status == JobStatuses.Processing)
            {
                await events.RequestCancellationAsync(jobId);
            }
            else
            {
                await events.PublishAsync(job);
            }

            return new CancelOutcome(job.Status, AlreadyFinished: false);
        });
}
