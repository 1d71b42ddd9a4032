using JobPlatform.Engine.Data;
using JobPlatform.Engine.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace JobPlatform.Engine.Store;

/// <summary>
/// Every statement that changes a job, a tenant's ledger or an account, and none anywhere else: the API and the
/// workers call this store and hold no job SQL of their own. One duty per file of this type:
/// <list type="bullet">
/// <item><c>JobStore.Accept.cs</c>: accept a batch of requests, under the rules of <see cref="Rules.AcceptRules"/>, and charge them;</item>
/// <item><c>JobStore.Cancel.cs</c>: an owner cancels a job (a queued one is refunded);</item>
/// <item><c>JobStore.Redrive.cs</c>: an operator queues a dead-lettered job again (charged again);</item>
/// <item><c>JobStore.Attempts.cs</c>: a worker's attempt: claim, heartbeat, progress, result rows, complete, fail, cancel, release;</item>
/// <item><c>JobStore.Publishing.cs</c>: mark jobs enqueued once the broker confirmed them; publish the overdue ones (the outbox);</item>
/// <item><c>JobStore.LeaseRescue.cs</c>: end the attempts whose worker stopped renewing its lease;</item>
/// <item><c>JobStore.Retention.cs</c>: delete finished jobs past retention;</item>
/// <item><c>JobStore.Accounts.cs</c>: create tenants (their ledger opens with their first credits), users and API keys.</item>
/// </list>
/// Every change is conditional on the state it expects (status, lease owner), so a stale caller changes nothing, and
/// rows are locked in id order wherever a statement locks several, so concurrent batches wait, never deadlock.
/// </summary>
public sealed partial class JobStore(JobsDbContext db, IOptions<JobEngineOptions> options)
{
    private static async Task<Job?> SingleAsync(IQueryable<Job> statement, CancellationToken cancellationToken) =>
        (await statement.AsNoTracking().ToListAsync(cancellationToken)).SingleOrDefault();
}
