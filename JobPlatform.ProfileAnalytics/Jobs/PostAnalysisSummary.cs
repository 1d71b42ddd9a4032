namespace JobPlatform.ProfileAnalytics.Jobs;

/// <summary>A <c>post_analysis</c> job's result: the analyses themselves are in <c>post_analyses</c>.</summary>
public sealed record PostAnalysisSummary(int AnalyzedPosts, IReadOnlyList<string> PostIds);
