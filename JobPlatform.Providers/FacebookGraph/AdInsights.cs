using System.Text.Json.Serialization;

namespace JobPlatform.Providers.FacebookGraph;

/// <summary>
/// An ad's delivery over a date range. The API sends the numbers as strings; they are read as numbers. <see cref="Ctr"/>
/// is a percentage (1.89 is 1.89 %); <see cref="Spend"/> is in the account's currency, in major units.
/// </summary>
public sealed record AdInsights(
    [property: JsonPropertyName("ad_id")] string? AdId = null,
    [property: JsonPropertyName("ad_name")] string? AdName = null,
    long? Impressions = null,
    long? Reach = null,
    decimal? Frequency = null,
    long? Clicks = null,
    decimal? Ctr = null,
    decimal? Cpc = null,
    decimal? Cpm = null,
    decimal? Spend = null,
    IReadOnlyList<AdAction>? Actions = null,
    [property: JsonPropertyName("video_p25_watched_actions")] IReadOnlyList<AdAction>? VideoP25WatchedActions = null,
    [property: JsonPropertyName("video_p100_watched_actions")] IReadOnlyList<AdAction>? VideoP100WatchedActions = null,
    [property: JsonPropertyName("date_start")] DateOnly? DateStart = null,
    [property: JsonPropertyName("date_stop")] DateOnly? DateStop = null);
