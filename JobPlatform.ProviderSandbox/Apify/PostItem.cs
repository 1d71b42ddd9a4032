namespace JobPlatform.ProviderSandbox.Apify;

/// <summary>
/// A post item of the Instagram scrapers (post scraper, reel scraper, a profile's <c>latestPosts</c>), with the field
/// names of the profile scraper's README sample and of what consumers read from the reel scraper.
/// </summary>
internal sealed record PostItem(
    string? InputUrl,
    string Id,
    string Type,
    string ShortCode,
    string Caption,
    IReadOnlyList<string> Hashtags,
    IReadOnlyList<string> Mentions,
    string Url,
    long CommentsCount,
    int DimensionsHeight,
    int DimensionsWidth,
    string DisplayUrl,
    IReadOnlyList<string> Images,
    string? VideoUrl,
    long? LikesCount,
    long? VideoViewCount,
    long? VideoPlayCount,
    double? VideoDuration,
    string Timestamp,
    IReadOnlyList<ChildPostItem> ChildPosts,
    string OwnerUsername,
    string OwnerFullName,
    string OwnerId,
    string? ProductType,
    bool IsPinned,
    bool IsCommentsDisabled);
