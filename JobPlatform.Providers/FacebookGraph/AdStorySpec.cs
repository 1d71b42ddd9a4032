using System.Text.Json.Serialization;

namespace JobPlatform.Providers.FacebookGraph;

/// <summary>A creative's <c>object_story_spec</c>: the page post it is made of.</summary>
public sealed record AdStorySpec(
    [property: JsonPropertyName("page_id")] string? PageId = null,
    [property: JsonPropertyName("video_data")] AdVideoData? VideoData = null);
