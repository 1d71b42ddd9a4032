using JobPlatform.Engine.Data;

namespace JobPlatform.Engine.Store;

/// <summary>The API's status reads, batched (<c>StatusReadBatcher</c>).</summary>
public sealed partial class JobStore
{
    /// <summary>
    /// The jobs of <paramref name="ids"/> that exist, whoever owns them (the caller authorizes), in one statement.
    /// </summary>
    public Task<List<Job>> FindAsync(IReadOnlyList<Guid> ids, CancellationToken cancellationToken) =>
        ReadJobsAsync(FindSql, [ids.ToArray()], cancellationToken);

    /// <summary>$1 job ids.</summary>
    private const string FindSql = "SELECT * FROM jobs WHERE id = ANY($1)";
}
