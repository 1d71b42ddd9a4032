namespace JobPlatform.ProfileAnalytics.Storage;

/// <summary>A profile as last fetched from Apify, its picture re-hosted. Counts are null where Instagram hides them.</summary>
public sealed record InstagramProfileRow(
    string Username,
    string? FullName,
    string? Biography,
    long? FollowersCount,
    long? FollowingCount,
    long? PostsCount,
    string? ProfilePicUrl,
    bool? IsVerified,
    bool? IsPrivate,
    DateTimeOffset FetchedAt);
