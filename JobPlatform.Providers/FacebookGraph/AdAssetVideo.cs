using System.Text.Json.Serialization;

namespace JobPlatform.Providers.FacebookGraph;

public sealed record AdAssetVideo(
    [property: JsonPropertyName("video_id")] string? VideoId = null,
    [property: JsonPropertyName("thumbnail_url")] string? ThumbnailUrl = null);
