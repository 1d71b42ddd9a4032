namespace JobPlatform.ProviderSandbox.FacebookGraph;

/// <summary>
/// A Graph node type: the fields it has (those of the Marketing API SDK; the sandbox fills the ones the platform
/// reads, the others are simply absent, as Graph leaves out what an object lacks), the fields it answers with when
/// <c>fields=</c> is not given, and which of its fields are nodes themselves (expanded with <c>field{...}</c>).
/// </summary>
internal sealed record NodeType(string Name, IReadOnlySet<string> Fields, IReadOnlyList<string> DefaultFields, IReadOnlyDictionary<string, NodeType> NodeFields)
{
    public static readonly NodeType AdAccount = new("AdAccount",
        Set("id account_id name currency account_status disable_reason amount_spent balance timezone_name timezone_offset_hours_utc business business_name spend_cap created_time owner age"),
        ["account_id", "id"], new Dictionary<string, NodeType>());

    public static readonly NodeType AdCreative = new("AdCreative",
        Set("id name title body object_type thumbnail_url thumbnail_id video_id image_url image_hash object_story_id effective_object_story_id object_story_spec asset_feed_spec call_to_action_type instagram_permalink_url status account_id link_url object_url url_tags"),
        ["id"], new Dictionary<string, NodeType>());

    public static readonly NodeType Ad = new("Ad",
        Set("id name account_id adset_id campaign_id status configured_status effective_status created_time updated_time creative adset campaign bid_amount tracking_specs conversion_specs adlabels preview_shareable_link issues_info recommendations source_ad_id"),
        ["id"], new Dictionary<string, NodeType> { ["creative"] = AdCreative });

    public static readonly NodeType Video = new("Video",
        Set("id source length picture title description permalink_url created_time updated_time format status embed_html thumbnails from published"),
        ["id"], new Dictionary<string, NodeType>());

    /// <summary>Insights rows are not nodes (no id); by default Graph gives a few metrics and the date range.</summary>
    public static readonly NodeType AdsInsights = new("AdsInsights",
        Set("account_id account_name ad_id ad_name adset_id adset_name campaign_id campaign_name objective impressions reach frequency clicks unique_clicks ctr cpc cpm cpp spend actions cost_per_action_type video_play_actions video_p25_watched_actions video_p50_watched_actions video_p75_watched_actions video_p100_watched_actions date_start date_stop"),
        ["account_id", "ad_id", "impressions", "spend", "date_start", "date_stop"], new Dictionary<string, NodeType>());

    public bool IsNode => Fields.Contains("id");

    private static HashSet<string> Set(string fields) => [.. fields.Split(' ')];
}
