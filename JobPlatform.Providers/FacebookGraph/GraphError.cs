using System.Text.Json.Serialization;

namespace JobPlatform.Providers.FacebookGraph;

/// <summary>The Graph API's error: its <see cref="Code"/> says what happened, whatever the HTTP status (rate limits come as 400).</summary>
internal sealed record GraphError(
    string? Message = null,
    string? Type = null,
    int? Code = null,
    [property: JsonPropertyName("error_subcode")] int? ErrorSubcode = null,
    [property: JsonPropertyName("is_transient")] bool? IsTransient = null);
