using JobPlatform.Providers.Http;
using JobPlatform.Providers.Telemetry;
using Microsoft.Extensions.Options;

namespace JobPlatform.Providers.FacebookGraph;

/// <summary>
/// The Marketing API calls of the ad analysis: ad accounts, their ads with creatives, insights, and video files. Edges
/// are read to their last page. Rate limits (HTTP 400 with a rate-limit code) are waited out when the API says how
/// long, up to <c>Resilience:MaxRetryAfter</c>; a longer throttle fails the call as transient with its wait.
/// </summary>
public sealed class FacebookGraphClient(HttpClient http, IOptions<FacebookGraphOptions> options, ProviderTelemetry telemetry)
{
    private const string AdAccountFields = "id,account_id,name,currency,account_status";
    private const string CreativeFields = "id,name,title,body,object_type,thumbnail_url,image_url,video_id,object_story_spec,asset_feed_spec";
    private const string AdFields = $"id,name,status,effective_status,created_time,creative{{{CreativeFields}}}";
    private const string InsightsFields = "ad_id,ad_name,impressions,reach,frequency,clicks,ctr,cpc,cpm,spend,actions,"
        + "video_p25_watched_actions,video_p100_watched_actions,date_start,date_stop";
    private const string VideoFields = "source,length,picture,title";

    private readonly FacebookGraphOptions _options = options.Value;
    private readonly ProviderCaller _caller = new(http, ProviderIdentity.FacebookGraph, GraphFaults.Instance, telemetry, options.Value.Secrets);

    /// <summary>The ad accounts the token can read.</summary>
    public Task<IReadOnlyList<AdAccount>> GetAdAccountsAsync(CancellationToken cancellationToken = default) =>
        GetAllPagesAsync<AdAccount>("me/adaccounts", $"fields={AdAccountFields}", "adaccounts", cancellationToken);

    /// <summary>Every ad of an account, each with its creative.</summary>
    /// <param name="accountId"><c>act_123456</c> or <c>123456</c>.</param>
    public Task<IReadOnlyList<Ad>> GetAdsAsync(string accountId, CancellationToken cancellationToken = default) =>
        GetAllPagesAsync<Ad>($"{Node(accountId.StartsWith("act_", StringComparison.Ordinal) ? accountId : $"act_{accountId}")}/ads",
            $"fields={Uri.EscapeDataString(AdFields)}", "ads", cancellationToken);

    public Task<AdCreative> GetCreativeAsync(string creativeId, CancellationToken cancellationToken = default) =>
        _caller.GetJsonAsync<AdCreative>($"{_options.ApiVersion}/{Node(creativeId)}?fields={CreativeFields}", Call("creative"), "creative", cancellationToken);

    /// <summary>An ad's insights over a date preset (<c>last_30d</c>, <c>last_7d</c>, <c>maximum</c>...): none when it did not deliver.</summary>
    public Task<IReadOnlyList<AdInsights>> GetInsightsAsync(string adId, string datePreset = "last_30d", CancellationToken cancellationToken = default) =>
        GetAllPagesAsync<AdInsights>($"{Node(adId)}/insights", $"fields={InsightsFields}&date_preset={Uri.EscapeDataString(datePreset)}", "insights",
            cancellationToken);

    /// <summary>A video's file URL, length and thumbnail.</summary>
    public Task<VideoSource> GetVideoSourceAsync(string videoId, CancellationToken cancellationToken = default) =>
        _caller.GetJsonAsync<VideoSource>($"{_options.ApiVersion}/{Node(videoId)}?fields={VideoFields}", Call("video"), "video", cancellationToken);

    /// <summary>
    /// Every page of an edge. The next page is asked with the <c>after</c> cursor rather than by following
    /// <c>paging.next</c>: that is an absolute URL from the answer, and the token is only ever sent to the configured API.
    /// A short or empty page is not the end; a page without <c>next</c> is.
    /// </summary>
    private async Task<IReadOnlyList<T>> GetAllPagesAsync<T>(string edge, string query, string operation, CancellationToken cancellationToken)
    {
        using var activity = ProviderTelemetry.StartOperation(ProviderIdentity.FacebookGraph, $"graph.{operation}");
        var items = new List<T>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? after = null;
        do
        {
            var cursor = after is null ? "" : $"&after={Uri.EscapeDataString(after)}";
            var page = await _caller.GetJsonAsync<GraphPage<T>>($"{_options.ApiVersion}/{edge}?{query}&limit={_options.PageSize}{cursor}",
                Call(operation), $"{operation} page", cancellationToken);
            items.AddRange(page.Data);
            after = page.Paging?.Next is null ? null
                : page.Paging.Cursors?.After ?? throw _caller.Malformed($"{operation} page", "it has paging.next but no paging.cursors.after.");
            // A cursor given twice would page forever.
            if (after is not null && !seen.Add(after))
            {
                throw _caller.Malformed($"{operation} page", "its paging.cursors.after repeats an earlier page's.");
            }
        }
        while (after is not null);

        activity?.SetTag("graph.items", items.Count);
        return items;
    }

    private ProviderCall Call(string operation) => new(operation, _options.RequestTimeout);

    private static string Node(string id) => Uri.EscapeDataString(id);
}
