using System.Text.Json.Serialization;

namespace JobPlatform.Providers.Apify;

/// <summary>The input of <c>datadoping~instagram-followers-scraper</c>: <c>{"usernames": [...], "max_count": N}</c>.</summary>
internal sealed record FollowersScraperInput(
    IReadOnlyCollection<string> Usernames,
    [property: JsonPropertyName("max_count")] int MaxCount);
