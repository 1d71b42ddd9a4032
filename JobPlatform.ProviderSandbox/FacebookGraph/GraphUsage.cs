using System.Globalization;
using System.Text.Json.Nodes;

namespace JobPlatform.ProviderSandbox.FacebookGraph;

/// <summary>
/// Graph's rate-limit usage headers, JSON in a header, percentages from 0 to 100: <c>x-app-usage</c> on every answer,
/// <c>x-business-use-case-usage</c> (keyed by the ad account number) on ads calls, <c>x-fb-ads-insights-throttle</c>
/// on insights. The sandbox's percentages grow slowly with the calls it got and reach 100 only under a rate-limit
/// fault, whose <c>retry_after_seconds</c> becomes <c>estimated_time_to_regain_access</c> (in minutes, as Graph's).
/// </summary>
internal static class GraphUsage
{
    public static int Percent(long calls) => (int)Math.Min(95, calls / 10);

    public static void WriteAppUsage(HttpResponse response, int percent) =>
        response.Headers["x-app-usage"] = new JsonObject { ["call_count"] = percent, ["total_cputime"] = percent / 2, ["total_time"] = percent / 2 }.ToJsonString();

    public static void WriteBusinessUseCase(HttpResponse response, string accountNumber, string useCase, int percent, int minutesToRegainAccess)
    {
        var usage = new JsonObject
        {
            ["type"] = useCase,
            ["call_count"] = percent,
            ["total_cputime"] = percent / 2,
            ["total_time"] = percent / 2,
            ["estimated_time_to_regain_access"] = minutesToRegainAccess,
            ["ads_api_access_tier"] = "standard_access",
        };
        response.Headers["x-business-use-case-usage"] = new JsonObject { [accountNumber] = new JsonArray(usage) }.ToJsonString();
        if (useCase == "ads_insights")
        {
            response.Headers["x-fb-ads-insights-throttle"] = new JsonObject
            {
                ["app_id_util_pct"] = percent, ["acc_id_util_pct"] = percent, ["ads_api_access_tier"] = "standard_access",
            }.ToJsonString();
        }
    }

    /// <summary>The ad account an ads request is about: from <c>act_{number}</c> or from a node id, when there is one.</summary>
    public static string? AccountOf(HttpRequest request)
    {
        var values = request.RouteValues;
        if (values["accountNumber"] is string number)
        {
            return number;
        }

        foreach (var (name, kind) in new[] { ("adId", GraphIds.AdKind), ("creativeId", GraphIds.CreativeKind), ("videoId", GraphIds.VideoKind) })
        {
            if (values[name] is string id && GraphIds.TryParseNode(id, kind, out var account, out _))
            {
                return account.ToString(CultureInfo.InvariantCulture);
            }
        }

        return null;
    }
}
