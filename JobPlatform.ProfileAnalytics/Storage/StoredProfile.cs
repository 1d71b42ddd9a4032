namespace JobPlatform.ProfileAnalytics.Storage;

/// <summary>
/// What PostgreSQL holds about one username, read in one statement for the profile endpoints (R-000-1, R-000-3): the
/// profile (null when never fetched), its last analysis (the cached body, null when never analyzed), and when Apify last
/// said it does not exist (null when it never did).
/// </summary>
public sealed record StoredProfile(InstagramProfileRow? Profile, ProfileAnalysisRow? Analysis, DateTimeOffset? UnknownSince);
