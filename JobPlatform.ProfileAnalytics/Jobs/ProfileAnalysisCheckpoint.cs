namespace JobPlatform.ProfileAnalytics.Jobs;

/// <summary>
/// Where a <c>profile_analysis</c> job stands when its <c>post_analysis</c> children end: the stage it resumes at, and
/// the posts of its fetch, whose analyses it aggregates (those analysed by earlier jobs included).
/// </summary>
public sealed record ProfileAnalysisCheckpoint(string Stage, IReadOnlyList<string> PostIds)
{
    public const string AggregatingInsights = "aggregating_insights";
}
