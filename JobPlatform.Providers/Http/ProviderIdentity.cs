namespace JobPlatform.Providers.Http;

/// <summary>
/// The names of one provider where they show: its configuration section, HttpClient, pipeline and exceptions
/// (<see cref="Name"/>), its metrics and health check (<see cref="Tag"/>), and the messages people read (<see cref="DisplayName"/>).
/// </summary>
internal sealed record ProviderIdentity(string Name, string Tag, string DisplayName)
{
    public static readonly ProviderIdentity Apify = new("Apify", "apify", "Apify");
    public static readonly ProviderIdentity FacebookGraph = new("FacebookGraph", "facebook-graph", "The Facebook Graph API");
    public static readonly ProviderIdentity OpenAI = new("OpenAI", "openai", "OpenAI");
    public static readonly ProviderIdentity Media = new("Media", "media", "Media re-hosting");

    public static readonly IReadOnlyList<ProviderIdentity> All = [Apify, FacebookGraph, OpenAI, Media];

    public string ConfigurationSection => $"Providers:{Name}";

    public string HealthCheckName => $"provider-{Tag}";
}
