namespace JobPlatform.ProfileAnalytics.Model;

/// <summary>
/// The posts' sentiment: <paramref name="Overall"/> from the mean score (<c>positive</c> from 0.05, <c>negative</c> from
/// -0.05, else <c>neutral</c>; null without posts), the mean of the scores (-1 to 1, 3 decimals), and the count per label.
/// </summary>
public sealed record SentimentSummary(string? Overall, double? AverageScore, IReadOnlyDictionary<string, int> Distribution);
