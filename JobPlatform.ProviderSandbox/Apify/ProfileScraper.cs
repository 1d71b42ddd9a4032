using System.Text.Json;
using JobPlatform.ProviderSandbox.Control;
using JobPlatform.ProviderSandbox.Media;
using JobPlatform.ProviderSandbox.SyntheticData;

namespace JobPlatform.ProviderSandbox.Apify;

/// <summary><c>apify~instagram-profile-scraper</c>: <c>{"usernames": [...]}</c>, one item per username.</summary>
internal sealed class ProfileScraper : ActorDefinition
{
    public override string Name => "apify~instagram-profile-scraper";

    public override string? InputProblem(JsonElement input) => ActorInput.StringsProblem(input, "usernames");

    public override TimeSpan PlannedDuration(JsonElement input, LatencySettings latency) =>
        latency.Duration(TimeSpan.FromSeconds(0.3), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(120), Seed(input));

    public override ActorDataset Dataset(JsonElement input, DateTimeOffset startedAt, CdnUrls urls) =>
        new([.. ActorInput.Strings(input, "usernames").Select(InstagramAccounts.Normalize).Select(username => (1L, new Func<long, System.Text.Json.Nodes.JsonObject>(_ =>
            InstagramAccounts.Find(username) is { } account ? InstagramItems.Profile(account, startedAt, urls) : InstagramItems.NotFound(username))))]);
}
