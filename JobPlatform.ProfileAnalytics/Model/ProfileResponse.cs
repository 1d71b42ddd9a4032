using System.Text.Json.Serialization;
using JobPlatform.ProfileAnalytics.Storage;

namespace JobPlatform.ProfileAnalytics.Model;

/// <summary>
/// The body of <c>GET /api/v1/instagram/profile/{username}</c> (R-000-1). Cached, it has no <see cref="BackgroundJob"/>
/// and its <see cref="AiAnalysis"/> is available: that form is what a <c>profile_analysis</c> job returns as its result
/// and what the cache holds. The profile's members are null for a username never fetched.
/// </summary>
public sealed record ProfileResponse(
    bool Success,
    string Username,
    string? FullName,
    string? Biography,
    long? FollowersCount,
    long? FollowingCount,
    long? PostsCount,
    string? ProfilePicUrl,
    bool? IsVerified,
    bool? IsPrivate,
    AiAnalysis AiAnalysis)
{
    /// <summary>R-000-2: only while processing is needed.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public BackgroundJob? BackgroundJob { get; init; }

    /// <summary>R-000-1 (additive): why no job could be started, when the engine refused it.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public BackgroundJobError? BackgroundJobError { get; init; }

    /// <summary>The profile as stored (or only its name, when never fetched) with <paramref name="aiAnalysis"/>.</summary>
    public static ProfileResponse Of(string username, InstagramProfileRow? profile, AiAnalysis aiAnalysis) => new(true, username,
        profile?.FullName, profile?.Biography, profile?.FollowersCount, profile?.FollowingCount, profile?.PostsCount, profile?.ProfilePicUrl,
        profile?.IsVerified, profile?.IsPrivate, aiAnalysis);
}
