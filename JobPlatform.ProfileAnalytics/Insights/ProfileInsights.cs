using JobPlatform.ProfileAnalytics.Model;
using JobPlatform.ProfileAnalytics.Storage;

namespace JobPlatform.ProfileAnalytics.Insights;

/// <summary>
/// Step 4 of R-003-17: a profile's insights from its posts' analyses. Ties are broken by name, so the same analyses
/// always give the same insights.
/// </summary>
public static class ProfileInsights
{
    /// <summary>Mean scores within this of 0 read as neutral: a profile is not "positive" on a hair's breadth.</summary>
    public const double NeutralBand = 0.05;

    public const int TopCategories = 3;

    /// <summary>What a language detector answers for a text with no detectable language: never a profile's language.</summary>
    public const string UndeterminedLanguage = "und";

    private static readonly string[] SentimentLabels = ["positive", "neutral", "negative"];

    public static AiAnalysis Aggregate(IReadOnlyCollection<PostAnalysisRow> analyses, DateTimeOffset analyzedAt)
    {
        double? average = analyses.Count == 0 ? null : Math.Round(analyses.Average(a => a.SentimentScore), 3);
        var sentiments = SentimentLabels.ToDictionary(label => label, label => analyses.Count(a => a.Sentiment == label));
        var categories = Ranked(analyses.Select(a => a.Category));
        var languages = Ranked(analyses.Select(a => a.Language));
        return new AiAnalysis(true)
        {
            Sentiment = new SentimentSummary(Overall(average), average, sentiments),
            ContentCategory = new CategorySummary(categories.FirstOrDefault().Key,
                categories.Take(TopCategories).Select(c => new CategoryShare(c.Key, c.Value, Math.Round((double)c.Value / analyses.Count, 3))).ToList()),
            Language = new LanguageSummary(languages.FirstOrDefault(l => l.Key != UndeterminedLanguage).Key, languages.ToDictionary()),
            AnalyzedPosts = analyses.Count,
            AnalyzedAt = analyzedAt,
        };
    }

    private static string? Overall(double? average) => average switch
    {
        null => null,
        >= NeutralBand => "positive",
        <= -NeutralBand => "negative",
        _ => "neutral",
    };

    /// <summary>Each value with its count, most frequent first, then by name.</summary>
    private static List<KeyValuePair<string, int>> Ranked(IEnumerable<string> values) =>
        values.CountBy(v => v).OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).ToList();
}
