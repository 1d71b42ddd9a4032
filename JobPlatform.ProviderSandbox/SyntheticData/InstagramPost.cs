using JobPlatform.ProviderSandbox.Media;

namespace JobPlatform.ProviderSandbox.SyntheticData;

/// <summary>One synthetic post of an account's feed. Video posts are its reels.</summary>
internal sealed record InstagramPost(
    string Id,
    string ShortCode,
    InstagramPostType Type,
    ComposedCaption Caption,
    DateTimeOffset Timestamp,
    long? LikesCount,
    long CommentsCount,
    MediaAsset Display,
    int Width,
    int Height,
    InstagramVideo? Video,
    IReadOnlyList<MediaAsset> Children);
