using System.Text.RegularExpressions;

namespace JobPlatform.Providers.FacebookGraph;

/// <summary>Section <c>Providers:FacebookGraph</c>: the Graph API (<c>https://graph.facebook.com</c>), its version and access token.</summary>
public sealed partial class FacebookGraphOptions : ProviderOptions
{
    /// <summary>Sent as <c>Authorization: Bearer</c>, not as <c>access_token=</c> in URLs that logs and traces keep.</summary>
    public string? AccessToken { get; set; }

    /// <summary>Meta retires each version about two years after its release.</summary>
    public string ApiVersion { get; set; } = "v22.0";

    /// <summary>Items asked per page (<c>limit</c>); some edges cap it lower.</summary>
    public int PageSize { get; set; } = 100;

    internal override IReadOnlyList<string> Secrets => [AccessToken ?? ""];

    private protected override IEnumerable<string> FindOwnProblems(string section)
    {
        foreach (var problem in Missing(AccessToken, $"{section}:AccessToken", "a Facebook access token with ads_read"))
        {
            yield return problem;
        }

        if (!VersionPattern().IsMatch(ApiVersion))
        {
            yield return $"{section}:ApiVersion must look like v22.0.";
        }

        if (PageSize < 1)
        {
            yield return $"{section}:PageSize must be at least 1.";
        }
    }

    [GeneratedRegex(@"^v\d+\.\d+$")]
    private static partial Regex VersionPattern();
}
