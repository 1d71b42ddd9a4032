namespace JobPlatform.ProfileAnalytics.Jobs;

/// <summary>
/// What a <c>profile_analysis</c> job needs when its <c>post_analysis</c> children end (its only wait, so a checkpoint
/// means "aggregate"): the posts of its fetch, whose analyses it aggregates (those analysed by earlier jobs included).
/// </summary>
public sealed record ProfileAnalysisCheckpoint(IReadOnlyList<string> PostIds);
