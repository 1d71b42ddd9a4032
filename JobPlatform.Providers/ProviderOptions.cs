using JobPlatform.Providers.Resilience;

namespace JobPlatform.Providers;

/// <summary>What every provider's section (<c>Providers:{Name}</c>) holds: where it is, how long a call may take, and its resilience.</summary>
public abstract class ProviderOptions
{
    /// <summary>The provider's API: the real one in production, the sandbox (<c>http://providers/...</c>) in development and tests.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>How long one attempt of a call may take, unless the provider's options give that call a timeout of its own.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public ProviderResilienceOptions Resilience { get; set; } = new();

    /// <summary>The base URL as a directory, so that relative paths append to its path instead of replacing its last segment.</summary>
    internal Uri BaseAddress => BaseUrl!.AbsoluteUri.EndsWith('/') ? BaseUrl : new Uri($"{BaseUrl.AbsoluteUri}/");

    /// <summary>The credentials: kept out of every message, including the provider's own error text.</summary>
    internal abstract IReadOnlyList<string> Secrets { get; }

    /// <summary>What is wrong with the configuration, each problem naming its key under <paramref name="section"/>.</summary>
    internal IEnumerable<string> FindProblems(string section)
    {
        if (BaseUrl is not { IsAbsoluteUri: true } || (BaseUrl.Scheme != Uri.UriSchemeHttp && BaseUrl.Scheme != Uri.UriSchemeHttps))
        {
            yield return $"{section}:BaseUrl must be an absolute http(s) URL.";
        }

        if (RequestTimeout <= TimeSpan.Zero)
        {
            yield return $"{section}:RequestTimeout must be positive.";
        }

        foreach (var problem in Resilience.FindProblems($"{section}:Resilience").Concat(FindOwnProblems(section)))
        {
            yield return problem;
        }
    }

    private protected abstract IEnumerable<string> FindOwnProblems(string section);

    private protected static IEnumerable<string> Missing(string? value, string key, string what) =>
        string.IsNullOrWhiteSpace(value) ? [$"{key} is missing: {what} (the AppHost passes it from a secret parameter)."] : [];
}
