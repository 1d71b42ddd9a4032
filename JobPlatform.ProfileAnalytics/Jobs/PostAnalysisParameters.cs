namespace JobPlatform.ProfileAnalytics.Jobs;

/// <summary>A <c>post_analysis</c> job's parameters: <c>{"username": "...", "post_ids": ["...", ...]}</c>, 1 to 5 posts (R-003-12).</summary>
public sealed record PostAnalysisParameters(string Username, IReadOnlyList<string> PostIds);
