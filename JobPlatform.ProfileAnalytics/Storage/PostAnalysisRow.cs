namespace JobPlatform.ProfileAnalytics.Storage;

/// <summary>The three analyses of one post (R-003-12), and the engine that made them.</summary>
public sealed record PostAnalysisRow(
    string PostId,
    string Language,
    double LanguageConfidence,
    string Sentiment,
    double SentimentScore,
    string Category,
    double CategoryConfidence,
    string Engine,
    DateTimeOffset AnalyzedAt);
