using System.Text.Json;

namespace JobPlatform.Engine.Jobs;

/// <summary>
/// The platform's one JSON contract: HTTP bodies (the API configures its JSON options with <see cref="Configure"/>),
/// the live events workers publish and the API forwards as they are (SSE, WebSocket), and the API's cached status
/// entries. It lives in the engine because workers write events that clients read unchanged: a second setting on either
/// side would let the status body and the event drift apart.
/// </summary>
public static class JobJson
{
    /// <summary>Nesting of any document read or written: request bodies (job parameters included), events, entries.</summary>
    public const int MaxDepth = 32;

    /// <summary>
    /// Nesting of a handler's result and of each result row: the deepest documents they are written into hold them two
    /// levels down (a cached status entry and its status; a results page and its rows), all within <see cref="MaxDepth"/>.
    /// </summary>
    public const int MaxResultDepth = MaxDepth - 2;

    /// <summary>For what is serialized outside HTTP's own formatting: events and cache entries.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>Applies the contract to options that start from <see cref="JsonSerializerDefaults.Web"/> (as HTTP's do).</summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        // snake_case, as the teams' clients read it (docs/requirements.md R-P-3).
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.MaxDepth = MaxDepth;
        // A repeated property is ambiguous (jsonb keeps the last one; a check may have read the first): refused.
        options.AllowDuplicateProperties = false;
        return options;
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
