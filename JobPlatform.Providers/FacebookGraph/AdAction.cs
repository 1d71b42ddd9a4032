using System.Text.Json.Serialization;

namespace JobPlatform.Providers.FacebookGraph;

/// <summary>A count of one kind of action: <c>{"action_type": "link_click", "value": "640"}</c>.</summary>
public sealed record AdAction([property: JsonPropertyName("action_type")] string ActionType, decimal? Value = null);
