namespace JobPlatform.ContentAnalysis.Sentiment;

/// <summary>
/// Words that change the strength of the sentiment word after them. No package ships these as data (VADER keeps them
/// in code), so they are typed here: the common English intensifiers and downtoners, with VADER's published step.
/// </summary>
internal static class SentimentModifiers
{
    /// <summary>VADER's empirically derived change of valence for one booster or dampener.</summary>
    public const double BoosterStep = 0.293;

    private static readonly HashSet<string> Boosters = new(StringComparer.Ordinal)
    {
        "absolutely", "amazingly", "awfully", "completely", "considerably", "deeply", "definitely", "enormously", "entirely",
        "especially", "exceptionally", "extremely", "fabulously", "fully", "greatly", "highly", "hugely", "incredibly",
        "intensely", "majorly", "more", "most", "particularly", "purely", "quite", "really", "remarkably", "so", "substantially",
        "super", "thoroughly", "totally", "tremendously", "truly", "uber", "unbelievably", "unusually", "utterly", "very",
        "insanely", "mega", "soooo", "sooo", "hella", "freaking", "frickin",
    };

    private static readonly HashSet<string> Dampeners = new(StringComparer.Ordinal)
    {
        "almost", "kinda", "less", "little", "marginally", "occasionally", "partly", "scarcely",
        "slightly", "somewhat", "sorta", "sort", "kind", "bit", "fairly",
    };

    /// <summary>+step, -step or 0: how much <paramref name="lowercaseWord"/> strengthens what follows it.</summary>
    public static double ScalarOf(string lowercaseWord) =>
        Boosters.Contains(lowercaseWord) ? BoosterStep : Dampeners.Contains(lowercaseWord) ? -BoosterStep : 0;
}
