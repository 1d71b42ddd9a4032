namespace JobPlatform.ContentAnalysis.Jobs;

/// <summary>A <c>content_analysis</c> job's result: one entry per post, in the order they were given.</summary>
public sealed record ContentAnalysisResult(IReadOnlyList<AnalysedPost> Posts);
