using Microsoft.EntityFrameworkCore;
using static JobPlatform.Engine.Jobs.JobStatuses;

namespace JobPlatform.Engine.Store;

/// <summary>Retention (<see cref="Maintenance.Retention"/>).</summary>
public sealed partial class JobStore
{
    /// <summary>Deletes the jobs finished before <paramref name="cutoff"/>, and by cascade their result rows.</summary>
    public Task<int> DeleteFinishedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlRawAsync(DeleteFinishedSql, [cutoff], cancellationToken);

    /// <summary>{0} cutoff. Status words inlined as constants (see <c>JobStore.Attempts.cs</c>).</summary>
    private const string DeleteFinishedSql =
        $"DELETE FROM jobs WHERE status IN ('{Completed}', '{Failed}', '{Cancelled}') AND completed_at < {{0}}";
}
