namespace JobPlatform.ProfileAnalytics.Jobs;

/// <summary>
/// Section <c>ProfileAnalytics</c>: how a <c>profile_analysis</c> job follows its Apify run (60-120 s for Instagram
/// profiles) without holding its worker slot for it.
/// </summary>
public sealed class ProfileAnalysisOptions
{
    public const string SectionName = "ProfileAnalytics";

    /// <summary>
    /// How long the step that starts the run waits for it before giving its slot back: a run that ends within it (a
    /// cached or tiny profile) goes on at once. Whole seconds, 0 to 60 (Apify's longest long-poll).
    /// </summary>
    public TimeSpan RunWait { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How often a job whose run is still going checks it again; between checks it holds no slot (it snoozes). A check
    /// answers at once. Shorter finds ended runs sooner, for one short step of a worker per check.
    /// </summary>
    public TimeSpan RunCheckInterval { get; set; } = TimeSpan.FromSeconds(10);
}
