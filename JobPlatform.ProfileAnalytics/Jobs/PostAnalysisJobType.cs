using System.Text.Json;
using JobPlatform.Engine.Jobs;
using JobPlatform.ProfileAnalytics.Instagram;

namespace JobPlatform.ProfileAnalytics.Jobs;

/// <summary>
/// One chunk of a profile's posts for the AI workers (<see cref="PostAnalysisHandler"/>): at most
/// <see cref="MaxPosts"/> posts (R-003-12's chunks of 5). Started by <c>profile_analysis</c> as its children, which are
/// never charged; its estimate follows R-003-12's 1200 posts an hour, 3 s a post.
/// </summary>
public sealed class PostAnalysisJobType : IJobType
{
    public const string JobName = "post_analysis";

    /// <summary>R-003-12: posts are analysed in batches of 5.</summary>
    public const int MaxPosts = 5;

    /// <summary>Instagram's post ids are numeric strings of about 19 digits; this leaves room for composite ids.</summary>
    public const int MaxPostIdLength = 100;

    public string Name => JobName;

    public Workload Workload => Workload.Ai;

    /// <summary>Never charged: only a parent starts it (<see cref="ChildOnly"/>), and children cost nothing.</summary>
    public int Cost => 0;

    public TimeSpan EstimatedDuration => TimeSpan.FromSeconds(15);

    public bool ChildOnly => true;

    public string? Validate(JsonElement parameters) => ValidateParameters(parameters);

    public static string? ValidateParameters(JsonElement parameters)
    {
        if (ProfileAnalysisJobType.ValidateParameters(parameters) is { } invalid)
        {
            return invalid;
        }

        if (!parameters.TryGetProperty("post_ids", out var postIds) || postIds.ValueKind != JsonValueKind.Array
            || postIds.GetArrayLength() is < 1 or > MaxPosts)
        {
            return $"parameters.post_ids must be an array of 1 to {MaxPosts} post ids.";
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in postIds.EnumerateArray())
        {
            if (id.ValueKind != JsonValueKind.String || id.GetString() is not { Length: > 0 and <= MaxPostIdLength } value || !ids.Add(value))
            {
                return $"parameters.post_ids must hold distinct strings of 1 to {MaxPostIdLength} characters.";
            }
        }

        return null;
    }
}
