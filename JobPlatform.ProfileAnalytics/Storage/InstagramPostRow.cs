namespace JobPlatform.ProfileAnalytics.Storage;

/// <summary>One post of a profile, as last fetched; its image re-hosted (<see cref="MediaUrl"/>, null when it could not be copied).</summary>
public sealed record InstagramPostRow(
    string Id,
    string Username,
    string? ShortCode,
    string? Caption,
    string[] Hashtags,
    long? LikesCount,
    long? CommentsCount,
    long? ViewsCount,
    string? MediaUrl,
    DateTimeOffset? PostedAt,
    DateTimeOffset FetchedAt);
