namespace JobPlatform.ContentAnalysis.Jobs;

/// <summary>A <c>content_analysis</c> job's parameters, once <see cref="ContentAnalysisJobType.Validate"/> accepted them.</summary>
public sealed record ContentAnalysisParameters(IReadOnlyList<ClientPost> Posts);
