using System.Text.Json;
using JobPlatform.Engine.Jobs;

namespace JobPlatform.ContentAnalysis.Jobs;

/// <summary>
/// docs/requirements.md R-003-18: clients analyse their own texts through the generic API. Parameters
/// <c>{"posts": [{"id", "text"}]}</c>, 1 to <see cref="MaxPosts"/> posts with distinct ids, each text at most
/// <see cref="MaxTextLength"/> characters; run by the AI workers (<see cref="ContentAnalysisHandler"/>).
/// </summary>
public sealed class ContentAnalysisJobType : IJobType
{
    public const string JobName = "content_analysis";

    public const int MaxPosts = 500;

    public const int MaxTextLength = 5_000;

    public const int MaxIdLength = 100;

    public string Name => JobName;

    public Workload Workload => Workload.Ai;

    public int Cost => 1;

    /// <summary>A full job of 500 posts on one AI worker's local engine (docs/benchmarks.md, content analysis).</summary>
    public TimeSpan EstimatedDuration => TimeSpan.FromSeconds(30);

    public string? Validate(JsonElement parameters)
    {
        if (!parameters.TryGetProperty("posts", out var posts) || posts.ValueKind != JsonValueKind.Array || posts.GetArrayLength() is < 1 or > MaxPosts)
        {
            return $"parameters.posts must be an array of 1 to {MaxPosts} posts.";
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var position = 0;
        foreach (var post in posts.EnumerateArray())
        {
            var field = $"parameters.posts[{position++}]";
            if (post.ValueKind != JsonValueKind.Object)
            {
                return $"{field} must be an object with an id and a text.";
            }

            if (!post.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String || id.GetString() is not { Length: > 0 and <= MaxIdLength } value)
            {
                return $"{field}.id must be a string of 1 to {MaxIdLength} characters.";
            }

            if (!ids.Add(value))
            {
                return $"{field}.id repeats '{value}': ids must be distinct.";
            }

            if (!post.TryGetProperty("text", out var text) || text.ValueKind != JsonValueKind.String || text.GetString()!.Length > MaxTextLength)
            {
                return $"{field}.text must be a string of at most {MaxTextLength} characters.";
            }
        }

        return null;
    }
}
