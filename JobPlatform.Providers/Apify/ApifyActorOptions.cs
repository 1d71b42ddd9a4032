namespace JobPlatform.Providers.Apify;

/// <summary>
/// The actors each workload runs (<c>Providers:Apify:Actors</c>), as <c>username~actor-name</c> (a <c>/</c> would
/// split the URL path) or an actor id.
/// </summary>
public sealed class ApifyActorOptions
{
    public string Profiles { get; set; } = "apify~instagram-profile-scraper";

    public string Posts { get; set; } = "apify~instagram-post-scraper";

    public string Reels { get; set; } = "apify~instagram-reel-scraper";

    /// <summary>Apify has no official follower-list actor; the platform's original code used this community one.</summary>
    public string Followers { get; set; } = "datadoping~instagram-followers-scraper";
}
