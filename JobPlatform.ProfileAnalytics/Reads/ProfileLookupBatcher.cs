using JobPlatform.Engine.Data;
using JobPlatform.ProfileAnalytics.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace JobPlatform.ProfileAnalytics.Reads;

/// <summary>
/// The profile endpoints' database reads (a cache miss: a name never analysed, or analysed over an hour ago), many in
/// one statement (<see cref="StatementBatcher{TRequest,TResult}"/>): at 500 new names a second they hold one connection
/// of the replica, not one each, so they neither exhaust its pool nor keep the accept batches waiting for one.
/// </summary>
public sealed class ProfileLookupBatcher(IServiceScopeFactory scopes) : StatementBatcher<string, StoredProfile>(MaxBatch)
{
    private const int MaxBatch = 500;

    private static readonly StoredProfile NeverFetched = new(null, null, null);

    protected override bool IsolatesDataErrors => false;

    protected override async Task<IReadOnlyList<StoredProfile>> RunBatchAsync(IReadOnlyList<string> batch)
    {
        await using var scope = scopes.CreateAsyncScope();
        var found = await scope.ServiceProvider.GetRequiredService<ProfileStore>().LookUpAsync(batch.Distinct().ToList(), CancellationToken.None);
        return batch.Select(username => found.GetValueOrDefault(username, NeverFetched)).ToList();
    }
}
