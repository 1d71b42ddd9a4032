using System.Text.Json;
using System.Text.Json.Nodes;
using JobPlatform.ProviderSandbox.Control;
using JobPlatform.ProviderSandbox.Media;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JobPlatform.ProviderSandbox.FacebookGraph;

/// <summary>
/// The Graph / Marketing API under <c>/graph/{version}</c> (the base URL <c>https://graph.facebook.com</c>): the
/// token's ad accounts, an account's ads with their creatives, a creative, an ad's insights, a video's source.
/// </summary>
internal static class GraphApi
{
    private static readonly Dictionary<string, Func<DateOnly, (DateOnly Since, DateOnly Until)>> DatePresets = new()
    {
        ["today"] = today => (today, today),
        ["yesterday"] = today => (today.AddDays(-1), today.AddDays(-1)),
        ["last_3d"] = today => (today.AddDays(-3), today.AddDays(-1)),
        ["last_7d"] = today => (today.AddDays(-7), today.AddDays(-1)),
        ["last_14d"] = today => (today.AddDays(-14), today.AddDays(-1)),
        ["last_28d"] = today => (today.AddDays(-28), today.AddDays(-1)),
        ["last_30d"] = today => (today.AddDays(-30), today.AddDays(-1)),
        ["last_90d"] = today => (today.AddDays(-90), today.AddDays(-1)),
        ["this_month"] = today => (new DateOnly(today.Year, today.Month, 1), today),
        ["last_month"] = today => (new DateOnly(today.Year, today.Month, 1).AddMonths(-1), new DateOnly(today.Year, today.Month, 1).AddDays(-1)),
        ["this_year"] = today => (new DateOnly(today.Year, 1, 1), today),
        ["maximum"] = today => (DateOnly.FromDateTime(SyntheticData.InstagramFeed.Epoch.UtcDateTime), today),
    };

    public static RouteGroupBuilder MapFacebookGraphApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapProviderGroup<GraphDialect>("/graph/{version:regex(^v[0-9]+\\.[0-9]+$)}");
        api.MapGet("/me/adaccounts", ListAdAccounts).IsOperation(ProviderCatalog.Graph, "adaccounts");
        api.MapGet("/act_{accountNumber}/ads", ListAds).IsOperation(ProviderCatalog.Graph, "ads");
        api.MapGet("/{adId:regex(^12[0-9]+$)}", GetAd).IsOperation(ProviderCatalog.Graph, "ads");
        api.MapGet("/{adId}/insights", GetInsights).IsOperation(ProviderCatalog.Graph, "insights");
        api.MapGet("/{creativeId:regex(^13[0-9]+$)}", GetCreative).IsOperation(ProviderCatalog.Graph, "creative");
        api.MapGet("/{videoId:regex(^14[0-9]+$)}", GetVideo).IsOperation(ProviderCatalog.Graph, "video");
        // Any other node: Graph's "does not exist" answer, counted (and faulted) with the creative lookups it resembles.
        api.MapGet("/{nodeId}", GetUnknownNode).IsOperation(ProviderCatalog.Graph, "creative");
        return api;
    }

    public static Results<JsonHttpResult<JsonObject>, JsonHttpResult<GraphErrorBody>> ListAdAccounts(
        HttpRequest request, ProviderCredentials credentials) =>
        List(request, [.. GraphIds.AccountsOf(credentials.GraphAccessToken).Select(AdCatalog.Account)], NodeType.AdAccount);

    public static Results<JsonHttpResult<JsonObject>, JsonHttpResult<GraphErrorBody>> ListAds(
        string accountNumber, HttpRequest request, TimeProvider time)
    {
        if (!GraphIds.TryParseAccount(accountNumber, out var account))
        {
            return GraphErrors.UnsupportedGet($"act_{accountNumber}");
        }

        var urls = Urls(request, time);
        var ads = Enumerable.Range(0, AdCatalog.AdCount(account)).Select(index => AdCatalog.Ad(account, index, urls)).ToList();
        if (EffectiveStatuses(request.Query["effective_status"]) is { } statuses)
        {
            ads = [.. ads.Where(ad => statuses.Contains(ad["effective_status"]!.GetValue<string>()))];
        }

        return List(request, ads, NodeType.Ad);
    }

    public static Results<JsonHttpResult<JsonObject>, JsonHttpResult<GraphErrorBody>> GetAd(string adId, HttpRequest request, TimeProvider time) =>
        GraphIds.TryParseNode(adId, GraphIds.AdKind, out var account, out var index) && index < AdCatalog.AdCount(account)
            ? Single(request, AdCatalog.Ad(account, index, Urls(request, time)), NodeType.Ad)
            : GraphErrors.UnsupportedGet(adId);

    public static Results<JsonHttpResult<JsonObject>, JsonHttpResult<GraphErrorBody>> GetCreative(string creativeId, HttpRequest request, TimeProvider time) =>
        GraphIds.TryParseNode(creativeId, GraphIds.CreativeKind, out var account, out var index) && index < AdCatalog.AdCount(account)
            ? Single(request, AdCatalog.Creative(account, index, Urls(request, time)), NodeType.AdCreative)
            : GraphErrors.UnsupportedGet(creativeId);

    public static Results<JsonHttpResult<JsonObject>, JsonHttpResult<GraphErrorBody>> GetVideo(string videoId, HttpRequest request, TimeProvider time) =>
        GraphIds.TryParseNode(videoId, GraphIds.VideoKind, out var account, out var index) && index < AdCatalog.AdCount(account)
            && AdCatalog.Video(account, index, Urls(request, time)) is { } video
            ? Single(request, video, NodeType.Video)
            : GraphErrors.UnsupportedGet(videoId);

    public static JsonHttpResult<GraphErrorBody> GetUnknownNode(string nodeId) => GraphErrors.UnsupportedGet(nodeId);

    /// <summary>One row for the ad over the requested range (<c>date_preset</c>, default last_30d, or <c>time_range</c>); none when it did not deliver.</summary>
    public static Results<JsonHttpResult<JsonObject>, JsonHttpResult<GraphErrorBody>> GetInsights(string adId, HttpRequest request, TimeProvider time)
    {
        if (!GraphIds.TryParseNode(adId, GraphIds.AdKind, out var account, out var index) || index >= AdCatalog.AdCount(account))
        {
            return GraphErrors.UnsupportedGet(adId);
        }

        if (!TryReadRange(request, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), out var range, out var problem))
        {
            return GraphErrors.InvalidParameter(problem!);
        }

        List<JsonObject> rows = AdCatalog.Insights(account, index, range.Since, range.Until) is { } row ? [row] : [];
        return List(request, rows, NodeType.AdsInsights);
    }

    private static Results<JsonHttpResult<JsonObject>, JsonHttpResult<GraphErrorBody>> List(HttpRequest request, List<JsonObject> items, NodeType type)
    {
        if (!FieldSelection.TryParse(request.Query["fields"], out var fields, out var syntaxError))
        {
            return GraphErrors.InvalidParameter(syntaxError!);
        }

        if (!GraphPaging.TryPage(request, items.Count, out var page, out var pagingError))
        {
            return GraphErrors.InvalidParameter(pagingError!);
        }

        var data = new List<JsonObject>();
        foreach (var item in items.Skip(page.Start).Take(page.Count))
        {
            data.Add(FieldSelection.Project(item, fields, type, out var fieldError));
            if (fieldError is not null)
            {
                return GraphErrors.Error(100, fieldError);
            }
        }

        return TypedResults.Json(GraphPaging.Envelope(request, data, page, items.Count), GraphJson.Options);
    }

    private static Results<JsonHttpResult<JsonObject>, JsonHttpResult<GraphErrorBody>> Single(HttpRequest request, JsonObject node, NodeType type)
    {
        if (!FieldSelection.TryParse(request.Query["fields"], out var fields, out var syntaxError))
        {
            return GraphErrors.InvalidParameter(syntaxError!);
        }

        var projected = FieldSelection.Project(node, fields, type, out var fieldError);
        return fieldError is null ? TypedResults.Json(projected, GraphJson.Options) : GraphErrors.Error(100, fieldError);
    }

    /// <summary>Media URLs valid for a few hours from the current hour: the same URLs for every call within an hour.</summary>
    private static CdnUrls Urls(HttpRequest request, TimeProvider time)
    {
        var now = time.GetUtcNow();
        return CdnUrls.For(request, new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero));
    }

    /// <summary><c>effective_status</c> as Graph takes it: a JSON array (<c>["ACTIVE","PAUSED"]</c>) or a comma list.</summary>
    private static HashSet<string>? EffectiveStatuses(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        try
        {
            return [.. JsonSerializer.Deserialize<string[]>(value) ?? []];
        }
        catch (JsonException)
        {
            return [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
        }
    }

    private static bool TryReadRange(HttpRequest request, DateOnly today, out (DateOnly Since, DateOnly Until) range, out string? problem)
    {
        problem = null;
        range = DatePresets["last_30d"](today);
        if (request.Query["time_range"] is { Count: > 0 } timeRange)
        {
            try
            {
                var parsed = JsonNode.Parse(timeRange.ToString());
                range = (DateOnly.Parse(parsed!["since"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture),
                    DateOnly.Parse(parsed["until"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
                return true;
            }
            catch (Exception exception) when (exception is JsonException or FormatException or NullReferenceException or InvalidOperationException)
            {
                problem = "time_range must be {\"since\":\"YYYY-MM-DD\",\"until\":\"YYYY-MM-DD\"}";
                return false;
            }
        }

        if (request.Query["date_preset"] is { Count: > 0 } preset)
        {
            if (!DatePresets.TryGetValue(preset.ToString(), out var dates))
            {
                problem = $"date_preset must be one of the following values: {string.Join(", ", DatePresets.Keys)}";
                return false;
            }

            range = dates(today);
        }

        return true;
    }
}
