using System.Text.Json.Serialization;

namespace JobPlatform.Providers.FacebookGraph;

/// <summary>An ad, with its creative expanded.</summary>
/// <param name="Status"><c>ACTIVE</c>, <c>PAUSED</c>, <c>DELETED</c> or <c>ARCHIVED</c>.</param>
/// <param name="EffectiveStatus">Its status as delivered: also <c>PENDING_REVIEW</c>, <c>DISAPPROVED</c>, <c>CAMPAIGN_PAUSED</c>...</param>
public sealed record Ad(
    string Id,
    string? Name = null,
    string? Status = null,
    [property: JsonPropertyName("effective_status")] string? EffectiveStatus = null,
    [property: JsonPropertyName("created_time"), JsonConverter(typeof(GraphTimestampConverter))] DateTimeOffset? CreatedTime = null,
    AdCreative? Creative = null);
