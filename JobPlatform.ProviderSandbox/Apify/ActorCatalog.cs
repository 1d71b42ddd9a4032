namespace JobPlatform.ProviderSandbox.Apify;

/// <summary>The actors the sandbox runs, found by name (<c>apify~instagram-profile-scraper</c>) or by id, as Apify does.</summary>
internal static class ActorCatalog
{
    public static readonly IReadOnlyList<ActorDefinition> Actors =
        [new ProfileScraper(), new PostScraper(), new ReelScraper(), new FollowersScraper()];

    public static ActorDefinition? Find(string nameOrId) =>
        Actors.FirstOrDefault(actor => string.Equals(actor.Name, nameOrId, StringComparison.OrdinalIgnoreCase) || actor.Id == nameOrId);
}
