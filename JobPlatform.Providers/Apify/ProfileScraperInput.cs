namespace JobPlatform.Providers.Apify;

/// <summary>The input of <c>apify~instagram-profile-scraper</c>: <c>{"usernames": [...]}</c>.</summary>
internal sealed record ProfileScraperInput(IReadOnlyCollection<string> Usernames);
