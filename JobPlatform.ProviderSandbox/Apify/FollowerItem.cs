namespace JobPlatform.ProviderSandbox.Apify;

/// <summary>An item of datadoping/instagram-followers-scraper, in Instagram's raw snake_case.</summary>
internal sealed record FollowerItem(string Username, string FullName, string Id, bool IsPrivate, bool IsVerified, string ProfilePicUrl, long LatestStoryTs);
