using System.Text.Json;
using System.Text.Json.Nodes;
using JobPlatform.ProviderSandbox.Control;
using JobPlatform.ProviderSandbox.Media;
using JobPlatform.ProviderSandbox.SyntheticData;

namespace JobPlatform.ProviderSandbox.Apify;

/// <summary>
/// <c>apify~instagram-post-scraper</c>: <c>{"username": [...], "resultsLimit": N, "onlyPostsNewerThan"?: ...}</c>,
/// the newest posts of each account, newest first.
/// </summary>
internal class PostScraper : ActorDefinition
{
    /// <summary>The sandbox's choice when the input sets no limit (the real default is not documented).</summary>
    private const int DefaultResultsLimit = 50;

    public override string Name => "apify~instagram-post-scraper";

    public override string? InputProblem(JsonElement input) =>
        ActorInput.StringsProblem(input, "username")
        ?? ActorInput.PositiveIntegerProblem(input, "resultsLimit", required: false)
        ?? ActorInput.NewerThanProblem(input, "onlyPostsNewerThan");

    public override TimeSpan PlannedDuration(JsonElement input, LatencySettings latency) =>
        latency.Duration(TimeSpan.FromSeconds(0.3), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(90), Seed(input));

    public override ActorDataset Dataset(JsonElement input, DateTimeOffset startedAt, CdnUrls urls)
    {
        var limit = ActorInput.Integer(input, "resultsLimit") ?? DefaultResultsLimit;
        var newerThan = ActorInput.NewerThan(input, "onlyPostsNewerThan", startedAt);
        return new([.. ActorInput.Strings(input, "username").Select(InstagramAccounts.Normalize).Select(username => Part(username, limit, newerThan, startedAt, urls))]);
    }

    /// <summary>Which posts of the feed the actor returns.</summary>
    protected virtual IEnumerable<int> Select(InstagramAccount account, DateTimeOffset startedAt, DateTimeOffset? newerThan) =>
        account.Feed.NewestFirst(startedAt, newerThan);

    private (long Count, Func<long, JsonObject> Item) Part(string username, int limit, DateTimeOffset? newerThan, DateTimeOffset startedAt, CdnUrls urls)
    {
        var account = InstagramAccounts.Find(username);
        if (account is null)
        {
            return (1, _ => InstagramItems.NotFound(username));
        }

        if (account.Private)
        {
            return (1, _ => InstagramItems.NoItems(username));
        }

        var posts = Select(account, startedAt, newerThan).Take(limit).ToList();
        return (posts.Count, index => InstagramItems.PostNode(account, account.Feed.Post(posts[(int)index]), urls));
    }
}
