using System.Text.Json;
using JobPlatform.Engine.Jobs;
using JobPlatform.ProfileAnalytics.Instagram;

namespace JobPlatform.ProfileAnalytics.Jobs;

/// <summary>
/// R-003-17's profile pipeline for one username (<see cref="ProfileAnalysisHandler"/>): general workers, 1 credit, about
/// two minutes (R-000-9's estimate of 120 s; R-003-15 says 120–180 s end to end).
/// </summary>
public sealed class ProfileAnalysisJobType : IJobType
{
    public const string JobName = "profile_analysis";

    public string Name => JobName;

    public Workload Workload => Workload.General;

    public int Cost => 1;

    public TimeSpan EstimatedDuration => TimeSpan.FromSeconds(120);

    public string? Validate(JsonElement parameters) => ValidateParameters(parameters);

    public static string? ValidateParameters(JsonElement parameters) =>
        parameters.ValueKind == JsonValueKind.Object && parameters.TryGetProperty("username", out var username)
        && username.ValueKind == JsonValueKind.String && InstagramUsername.TryNormalize(username.GetString(), out _)
            ? null
            : $"parameters.username {InstagramUsername.Rule}";
}
