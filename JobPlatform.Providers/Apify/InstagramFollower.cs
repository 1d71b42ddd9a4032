using System.Text.Json.Serialization;

namespace JobPlatform.Providers.Apify;

/// <summary>One follower from <c>datadoping~instagram-followers-scraper</c>, in Instagram's raw snake_case.</summary>
public sealed record InstagramFollower
{
    public required string Username { get; init; }

    public string? Id { get; init; }

    [JsonPropertyName("full_name")]
    public string? FullName { get; init; }

    [JsonPropertyName("is_private")]
    public bool? IsPrivate { get; init; }

    [JsonPropertyName("is_verified")]
    public bool? IsVerified { get; init; }

    [JsonPropertyName("profile_pic_url")]
    public string? ProfilePicUrl { get; init; }
}
