using System.Text.Json.Serialization;

namespace JobPlatform.ProfileAnalytics.Model;

/// <summary>
/// A profile's <c>ai_analysis</c> (R-000-1): <c>{"available": false}</c> until a profile analysis completed; then the
/// aggregate of its posts' analyses (R-003-12).
/// </summary>
public sealed record AiAnalysis(bool Available)
{
    public static AiAnalysis NotAvailable { get; } = new(false);

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SentimentSummary? Sentiment { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public CategorySummary? ContentCategory { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public LanguageSummary? Language { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? AnalyzedPosts { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? AnalyzedAt { get; init; }
}
