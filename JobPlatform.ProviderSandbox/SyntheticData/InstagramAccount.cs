using JobPlatform.ProviderSandbox.Media;

namespace JobPlatform.ProviderSandbox.SyntheticData;

/// <summary>A synthetic Instagram account: the same username always gives the same account.</summary>
internal sealed record InstagramAccount(
    string Username,
    string Id,
    string FullName,
    string Biography,
    CaptionLanguage Language,
    long FollowersCount,
    int FollowsCount,
    bool Verified,
    bool Private,
    bool IsBusinessAccount,
    string? BusinessCategoryName,
    string? ExternalUrl,
    int HighlightReelCount,
    int IgtvVideoCount,
    MediaAsset ProfilePicture,
    MediaAsset ProfilePictureHD,
    InstagramFeed Feed);
