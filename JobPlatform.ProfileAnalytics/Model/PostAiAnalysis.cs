namespace JobPlatform.ProfileAnalytics.Model;

/// <summary>A post's three analyses (R-003-12), and the engine that made them.</summary>
public sealed record PostAiAnalysis(
    string Language,
    double LanguageConfidence,
    string Sentiment,
    double SentimentScore,
    string Category,
    double CategoryConfidence,
    string Engine,
    DateTimeOffset AnalyzedAt);
