namespace JobPlatform.ProfileAnalytics.Jobs;

/// <summary>A <c>profile_analysis</c> job's parameters: <c>{"username": "..."}</c>.</summary>
public sealed record ProfileAnalysisParameters(string Username);
