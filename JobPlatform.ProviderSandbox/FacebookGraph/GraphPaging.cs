using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;

namespace JobPlatform.ProviderSandbox.FacebookGraph;

/// <summary>
/// The Graph API's cursor pagination: <c>{"data": [...], "paging": {"cursors": {"before", "after"}, "previous"?,
/// "next"?}}</c>, with <c>limit</c>, <c>after</c> and <c>before</c>. <c>next</c> is absent on the last page and is an
/// absolute URL on the request's own origin that repeats the request's query (its access_token included, as Graph's
/// do), so a client can follow it as is.
/// </summary>
internal static class GraphPaging
{
    public const int DefaultLimit = 25;
    private const int MaxLimit = 500;
    private const string CursorPrefix = "cursor:";

    /// <summary>The page the request asks for; false with the error when its limit or a cursor is not valid.</summary>
    public static bool TryPage(HttpRequest request, int total, out (int Start, int Count) page, out string? error)
    {
        page = default;
        error = null;
        var limit = DefaultLimit;
        if (request.Query["limit"] is { Count: > 0 } limitText && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1))
        {
            error = "limit must be a positive integer";
            return false;
        }

        limit = Math.Min(limit, MaxLimit);
        var start = 0;
        var end = total;
        if (request.Query["after"] is { Count: > 0 } after)
        {
            if (Decode(after.ToString()) is not { } last)
            {
                error = "The after cursor is not valid";
                return false;
            }

            start = Math.Min(last + 1, total);
        }
        else if (request.Query["before"] is { Count: > 0 } before)
        {
            if (Decode(before.ToString()) is not { } first)
            {
                error = "The before cursor is not valid";
                return false;
            }

            end = Math.Clamp(first, 0, total);
            start = Math.Max(0, end - limit);
        }

        page = (start, Math.Min(limit, end - start));
        return true;
    }

    public static JsonObject Envelope(HttpRequest request, IEnumerable<JsonObject> data, (int Start, int Count) page, int total)
    {
        var envelope = new JsonObject { ["data"] = new JsonArray([.. data]) };
        if (page.Count == 0)
        {
            return envelope;
        }

        var paging = new JsonObject
        {
            ["cursors"] = new JsonObject { ["before"] = Encode(page.Start), ["after"] = Encode(page.Start + page.Count - 1) },
        };
        if (page.Start > 0)
        {
            paging["previous"] = Link(request, "before", Encode(page.Start));
        }

        if (page.Start + page.Count < total)
        {
            paging["next"] = Link(request, "after", Encode(page.Start + page.Count - 1));
        }

        envelope["paging"] = paging;
        return envelope;
    }

    private static string Link(HttpRequest request, string cursorName, string cursor)
    {
        var query = request.Query
            .Where(parameter => parameter.Key is not ("after" or "before"))
            .SelectMany(parameter => parameter.Value.Select(value => KeyValuePair.Create(parameter.Key, value)))
            .Append(KeyValuePair.Create(cursorName, (string?)cursor));
        return QueryHelpers.AddQueryString($"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}", query);
    }

    private static string Encode(int index) =>
        WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(CursorPrefix + index.ToString(CultureInfo.InvariantCulture)));

    private static int? Decode(string cursor)
    {
        try
        {
            var text = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(cursor));
            return text.StartsWith(CursorPrefix, StringComparison.Ordinal)
                && int.TryParse(text.AsSpan(CursorPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                ? index
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
