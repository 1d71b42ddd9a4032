using JobPlatform.ProviderSandbox.SyntheticData;

namespace JobPlatform.ProviderSandbox.Apify;

/// <summary><c>apify~instagram-reel-scraper</c>: the post scraper's input, the video posts (reels) only.</summary>
internal sealed class ReelScraper : PostScraper
{
    public override string Name => "apify~instagram-reel-scraper";

    protected override IEnumerable<int> Select(InstagramAccount account, DateTimeOffset startedAt, DateTimeOffset? newerThan) =>
        base.Select(account, startedAt, newerThan).Where(index => account.Feed.TypeOf(index) == InstagramPostType.Video);
}
