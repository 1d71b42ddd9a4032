namespace JobPlatform.Providers.Apify;

/// <summary>Section <c>Providers:Apify</c>: the API (<c>https://api.apify.com</c>), its token, the actors and how long runs may take.</summary>
public sealed class ApifyOptions : ProviderOptions
{
    /// <summary>Apify's longest long-poll: a run's status is held at most this long.</summary>
    public static readonly TimeSpan MaxPollWait = TimeSpan.FromSeconds(60);

    /// <summary>The API token, sent as <c>Authorization: Bearer</c> (never in the URL, where logs would keep it).</summary>
    public string? Token { get; set; }

    public ApifyActorOptions Actors { get; set; } = new();

    /// <summary>
    /// The longest an actor run may take (its <c>timeout</c> on Apify too): past it the run is aborted and the call
    /// fails as transient. The Instagram runs take 60-120 s.
    /// </summary>
    public TimeSpan MaxRunTime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long each status poll asks Apify to hold the answer until the run ends (<c>waitForFinish</c>, at most 60 s).</summary>
    public TimeSpan PollWait { get; set; } = MaxPollWait;

    /// <summary>The run's memory in MB (a power of 2, at least 128); unset, the actor's default.</summary>
    public int? MemoryMbytes { get; set; }

    /// <summary>Dataset items read per page.</summary>
    public int DatasetPageSize { get; set; } = 1000;

    internal override IReadOnlyList<string> Secrets => [Token ?? ""];

    private protected override IEnumerable<string> FindOwnProblems(string section)
    {
        foreach (var problem in Missing(Token, $"{section}:Token", "the Apify API token"))
        {
            yield return problem;
        }

        if (new[] { Actors.Profiles, Actors.Posts, Actors.Reels, Actors.Followers }.Any(string.IsNullOrWhiteSpace))
        {
            yield return $"{section}:Actors: Profiles, Posts, Reels and Followers must each name an actor (username~actor-name or its id).";
        }

        if (PollWait < TimeSpan.FromSeconds(1) || PollWait > MaxPollWait)
        {
            yield return $"{section}:PollWait must be between 1 and 60 seconds (Apify's waitForFinish).";
        }

        if (MaxRunTime < TimeSpan.FromSeconds(10))
        {
            yield return $"{section}:MaxRunTime must be at least 10 seconds.";
        }

        if (MemoryMbytes is { } memory && (memory < 128 || !int.IsPow2(memory)))
        {
            yield return $"{section}:MemoryMbytes must be a power of 2, at least 128.";
        }

        if (DatasetPageSize < 1)
        {
            yield return $"{section}:DatasetPageSize must be at least 1.";
        }
    }
}
