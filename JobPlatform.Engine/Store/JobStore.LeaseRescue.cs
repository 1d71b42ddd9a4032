using JobPlatform.Engine.Data;
using Microsoft.EntityFrameworkCore;
using static JobPlatform.Engine.Jobs.JobStatuses;

namespace JobPlatform.Engine.Store;

/// <summary>Lease rescue (<see cref="Maintenance.LeaseRescue"/>): the attempts whose worker stopped renewing its lease.</summary>
public sealed partial class JobStore
{
    /// <summary>
    /// Jobs whose worker stopped heartbeating (killed, partitioned, or it gave the attempt up when it could not renew)
    /// end their attempt as a failure: queued again at once, or failed, dead-lettered and refunded when that was their
    /// last attempt.
    /// </summary>
    public async Task<List<Job>> RescueExpiredLeasesAsync(TimeSpan leaseTimeout, CancellationToken cancellationToken)
    {
        var expired = await db.Jobs.FromSqlRaw(ExpiredLeasesSql, leaseTimeout)
            .AsNoTracking().ToListAsync(cancellationToken);
        var rescued = new List<Job>();
        foreach (var job in expired)
        {
            var error = $"The worker running attempt {job.Attempts} stopped responding.";
            if (await EndAttemptAsync(job.Id, job.LeaseOwner!, error, TimeSpan.Zero, expiredOnly: true, leaseTimeout, cancellationToken) is { } ended)
            {
                rescued.Add(ended);
            }
        }

        return rescued;
    }

    /// <summary>{0} lease timeout. Status words inlined as constants (see <c>JobStore.Attempts.cs</c>).</summary>
    private const string ExpiredLeasesSql = $"SELECT * FROM jobs WHERE status = '{Processing}' AND heartbeat_at < now() - {{0}}";
}
