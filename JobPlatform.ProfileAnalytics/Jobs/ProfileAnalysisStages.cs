namespace JobPlatform.ProfileAnalytics.Jobs;

/// <summary>R-000-8: the progress a <c>profile_analysis</c> job reports at each stage (100 on completion).</summary>
public static class ProfileAnalysisStages
{
    public const int FetchingPercent = 10;
    public const string Fetching = "Fetching profile data";
    public const int ImagesPercent = 40;
    public const string Images = "Processing images";
    public const int StoringPercent = 60;
    public const string Storing = "Storing profile data";
    public const int AiPercent = 65;
    public const string Ai = "Processing AI analysis";
    public const int AggregatingPercent = 95;
    public const string Aggregating = "Aggregating insights";
}
