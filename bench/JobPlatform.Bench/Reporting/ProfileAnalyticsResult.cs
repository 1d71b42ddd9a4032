namespace JobPlatform.Bench.Reporting;

/// <summary>
/// Seed 000's profile analytics (issue 13): the cached <c>GET /api/v1/instagram/profile/{username}</c>, the uncached one
/// (the API's handoff of a <c>profile_analysis</c> job, workers stopped), and the analyses the workers finish per minute
/// when many users ask at once.
/// </summary>
/// <param name="FreshUsernames">Usernames analysed before the cached step, which its reads spread over.</param>
/// <param name="UncachedJobsCancelled">Jobs the uncached step created, cancelled through the API right after it.</param>
public sealed record ProfileAnalyticsResult(
    int FreshUsernames,
    LoadStep CachedGet,
    LoadStep UncachedGet,
    int UncachedJobsCancelled,
    ProfileAnalysesRun Analyses);
