namespace JobPlatform.ProfileAnalytics.Model;

/// <summary>One category among a profile's analysed posts: how many posts, and their share of them (0 to 1, 3 decimals).</summary>
public sealed record CategoryShare(string Category, int Posts, double Share);
