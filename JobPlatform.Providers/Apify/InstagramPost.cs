namespace JobPlatform.Providers.Apify;

/// <summary>
/// One post or reel, as the profile (<c>latestPosts</c>), post and reel scrapers return it. Every member can be missing
/// or null: carousel children, hidden likes and actor versions differ.
/// </summary>
public sealed record InstagramPost
{
    public string? Id { get; init; }

    /// <summary><c>Image</c>, <c>Video</c> or <c>Sidecar</c>.</summary>
    public string? Type { get; init; }

    /// <summary><c>clips</c> for a reel, <c>igtv</c> for IGTV.</summary>
    public string? ProductType { get; init; }

    public string? ShortCode { get; init; }

    public string? Url { get; init; }

    public string? Caption { get; init; }

    public IReadOnlyList<string>? Hashtags { get; init; }

    public IReadOnlyList<string>? Mentions { get; init; }

    public long? LikesCount { get; init; }

    public long? CommentsCount { get; init; }

    public long? VideoViewCount { get; init; }

    public long? VideoPlayCount { get; init; }

    /// <summary>Seconds.</summary>
    public double? VideoDuration { get; init; }

    public DateTimeOffset? Timestamp { get; init; }

    public string? OwnerUsername { get; init; }

    public string? OwnerFullName { get; init; }

    public string? OwnerId { get; init; }

    public bool? IsPinned { get; init; }

    /// <summary>A signed CDN URL of the image that expires.</summary>
    public string? DisplayUrl { get; init; }

    /// <summary>A signed CDN URL of the video that expires.</summary>
    public string? VideoUrl { get; init; }

    /// <summary>Views, from whichever count the actor version fills: plays first, then views.</summary>
    public long? Views => VideoPlayCount ?? VideoViewCount;
}
