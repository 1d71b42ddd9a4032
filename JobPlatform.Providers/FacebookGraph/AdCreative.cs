using System.Text.Json.Serialization;

namespace JobPlatform.Providers.FacebookGraph;

/// <summary>An ad's creative: its texts, images and videos. Fields a creative does not use are absent.</summary>
/// <param name="ObjectType"><c>VIDEO</c>, <c>PHOTO</c>, <c>SHARE</c>, <c>STATUS</c>...</param>
public sealed record AdCreative(
    string Id,
    string? Name = null,
    string? Title = null,
    string? Body = null,
    [property: JsonPropertyName("object_type")] string? ObjectType = null,
    [property: JsonPropertyName("thumbnail_url")] string? ThumbnailUrl = null,
    [property: JsonPropertyName("image_url")] string? ImageUrl = null,
    [property: JsonPropertyName("video_id")] string? VideoId = null,
    [property: JsonPropertyName("object_story_spec")] AdStorySpec? ObjectStorySpec = null,
    [property: JsonPropertyName("asset_feed_spec")] AdAssetFeedSpec? AssetFeedSpec = null)
{
    /// <summary>Every video the creative uses: a creative names them in any of three places.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> VideoIds =>
        new[] { VideoId, ObjectStorySpec?.VideoData?.VideoId }
            .Concat(AssetFeedSpec?.Videos?.Select(video => video.VideoId) ?? [])
            .OfType<string>()
            .Distinct()
            .ToList();
}
