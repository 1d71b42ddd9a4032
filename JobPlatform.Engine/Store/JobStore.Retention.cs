using Microsoft.EntityFrameworkCore;

namespace JobPlatform.Engine.Store;

/// <summary>Retention (<see cref="Maintenance.Retention"/>).</summary>
public sealed partial class JobStore
{
    /// <summary>Deletes the jobs finished before <paramref name="cutoff"/>, and by cascade their result rows.</summary>
    public Task<int> DeleteFinishedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync(
            $"DELETE FROM jobs WHERE status IN ('completed', 'failed', 'cancelled') AND completed_at < {cutoff}", cancellationToken);
}
