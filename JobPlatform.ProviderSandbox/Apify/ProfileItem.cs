namespace JobPlatform.ProviderSandbox.Apify;

/// <summary>An item of apify/instagram-profile-scraper (field names of its README sample).</summary>
internal sealed record ProfileItem(
    string InputUrl,
    string Id,
    string Username,
    string Url,
    string FullName,
    string Biography,
    long FollowersCount,
    int FollowsCount,
    int PostsCount,
    int HighlightReelCount,
    int IgtvVideoCount,
    bool IsBusinessAccount,
    bool JoinedRecently,
    bool HasChannel,
    string? BusinessCategoryName,
    bool Private,
    bool Verified,
    string? ExternalUrl,
    string ProfilePicUrl,
    string ProfilePicUrlHD,
    IReadOnlyList<System.Text.Json.Nodes.JsonObject> RelatedProfiles,
    IReadOnlyList<PostItem> LatestPosts,
    IReadOnlyList<PostItem> LatestIgtvVideos);
