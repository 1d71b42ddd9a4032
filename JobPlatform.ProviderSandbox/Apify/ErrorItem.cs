namespace JobPlatform.ProviderSandbox.Apify;

/// <summary>
/// What the Instagram scrapers push for an input they cannot scrape: the run still SUCCEEDS, with this item among
/// the others (<c>{"url", "username", "error": "not_found", "errorDescription": ...}</c>, as consumers quote it).
/// </summary>
internal sealed record ErrorItem(string Url, string Username, string Error, string ErrorDescription);
