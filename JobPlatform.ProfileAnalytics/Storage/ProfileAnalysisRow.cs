namespace JobPlatform.ProfileAnalytics.Storage;

/// <summary>A profile's last analysis: <see cref="Result"/> is the R-000-1 cached body, as JSON.</summary>
public sealed record ProfileAnalysisRow(string Username, string Result, DateTimeOffset AnalyzedAt);
