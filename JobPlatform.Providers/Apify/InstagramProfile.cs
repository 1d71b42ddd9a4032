using System.Text.Json.Serialization;

namespace JobPlatform.Providers.Apify;

/// <summary>
/// One profile from <c>apify~instagram-profile-scraper</c>. Counts can be null (hidden), and a profile that could not be
/// scraped comes back with <see cref="Error"/> set and little else.
/// </summary>
public sealed record InstagramProfile
{
    public required string Username { get; init; }

    /// <summary>Instagram ids are strings.</summary>
    public string? Id { get; init; }

    public string? FullName { get; init; }

    public string? Biography { get; init; }

    public long? FollowersCount { get; init; }

    public long? FollowsCount { get; init; }

    public long? PostsCount { get; init; }

    [JsonPropertyName("verified")]
    public bool? IsVerified { get; init; }

    [JsonPropertyName("private")]
    public bool? IsPrivate { get; init; }

    public bool? IsBusinessAccount { get; init; }

    /// <summary>Can be the literal string "None".</summary>
    public string? BusinessCategoryName { get; init; }

    public string? ExternalUrl { get; init; }

    /// <summary>A signed Instagram CDN URL that expires: re-host it (<c>MediaRehoster</c>) to keep it.</summary>
    public string? ProfilePicUrl { get; init; }

    [JsonPropertyName("profilePicUrlHD")]
    public string? ProfilePicUrlHd { get; init; }

    public string? Url { get; init; }

    /// <summary>The latest posts the actor includes (about 12, whatever the limit).</summary>
    public IReadOnlyList<InstagramPost>? LatestPosts { get; init; }

    /// <summary>Why the actor could not scrape the profile (e.g. <c>not_found</c>).</summary>
    public string? Error { get; init; }
}
