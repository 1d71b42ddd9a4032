using System.Text.Json.Serialization;

namespace JobPlatform.Providers.FacebookGraph;

public sealed record AdVideoData(
    [property: JsonPropertyName("video_id")] string? VideoId = null,
    [property: JsonPropertyName("image_url")] string? ImageUrl = null,
    string? Title = null,
    string? Message = null);
