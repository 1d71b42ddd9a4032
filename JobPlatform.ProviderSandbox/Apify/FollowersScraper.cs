using System.Text.Json;
using System.Text.Json.Nodes;
using JobPlatform.ProviderSandbox.Control;
using JobPlatform.ProviderSandbox.Media;
using JobPlatform.ProviderSandbox.SyntheticData;

namespace JobPlatform.ProviderSandbox.Apify;

/// <summary>
/// <c>datadoping~instagram-followers-scraper</c>: <c>{"usernames": [...], "max_count": N}</c>, up to N followers of
/// each account in a stable order, in snake_case. A missing or private account gives an error item as the other
/// scrapers do (what this community actor does there is not documented).
/// </summary>
internal sealed class FollowersScraper : ActorDefinition
{
    public override string Name => "datadoping~instagram-followers-scraper";

    public override string? InputProblem(JsonElement input) =>
        ActorInput.StringsProblem(input, "usernames") ?? ActorInput.PositiveIntegerProblem(input, "max_count", required: true);

    /// <summary>Realistic: a second per 100 followers, at least 5 s, at most 15 minutes.</summary>
    public override TimeSpan PlannedDuration(JsonElement input, LatencySettings latency)
    {
        var maxCount = ActorInput.Integer(input, "max_count")!.Value;
        var followers = ActorInput.Strings(input, "usernames").Select(InstagramAccounts.Normalize)
            .Sum(username => InstagramAccounts.Find(username) is { Private: false } account ? InstagramFollowers.Count(account, maxCount) : 0);
        var realistic = TimeSpan.FromSeconds(Math.Clamp(followers / 100.0, 5, 900));
        return latency.Duration(TimeSpan.FromSeconds(0.3), realistic, realistic, Seed(input));
    }

    public override ActorDataset Dataset(JsonElement input, DateTimeOffset startedAt, CdnUrls urls)
    {
        var maxCount = ActorInput.Integer(input, "max_count")!.Value;
        return new([.. ActorInput.Strings(input, "usernames").Select(InstagramAccounts.Normalize).Select(username => Part(username, maxCount, urls))]);
    }

    private static (long Count, Func<long, JsonObject> Item) Part(string username, int maxCount, CdnUrls urls) =>
        InstagramAccounts.Find(username) switch
        {
            null => (1, _ => InstagramItems.NotFound(username)),
            { Private: true } => (1, _ => InstagramItems.NoItems(username)),
            var account => (InstagramFollowers.Count(account, maxCount), index => InstagramItems.Follower(InstagramFollowers.Follower(account, index), urls)),
        };
}
