using System.Text.Json.Serialization;

namespace JobPlatform.Providers.Apify;

/// <summary>
/// The input of <c>apify~instagram-post-scraper</c> and <c>apify~instagram-reel-scraper</c>: <c>username</c> is
/// singular but an array ("Field input.username is required" when sent as <c>usernames</c>).
/// </summary>
/// <param name="OnlyPostsNewerThan">A date, <c>YYYY-MM-DD</c>; the reel scraper takes none.</param>
internal sealed record PostScraperInput(
    [property: JsonPropertyName("username")] IReadOnlyCollection<string> Usernames,
    int ResultsLimit,
    string? OnlyPostsNewerThan = null);
