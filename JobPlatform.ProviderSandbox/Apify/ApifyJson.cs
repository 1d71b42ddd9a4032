using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace JobPlatform.ProviderSandbox.Apify;

/// <summary>Apify's JSON: camelCase, text unescaped as the real API sends it, timestamps in UTC with milliseconds and Z.</summary>
internal static class ApifyJson
{
    /// <summary>The API's own objects (runs, errors): nulls written, as Apify does (<c>"finishedAt": null</c>).</summary>
    public static readonly JsonSerializerOptions Api = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Dataset items of the Instagram scrapers: camelCase, fields that do not apply left out.</summary>
    public static readonly JsonSerializerOptions Items = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Dataset items in Instagram's raw snake_case (the followers scraper's).</summary>
    public static readonly JsonSerializerOptions SnakeCaseItems = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public static string Timestamp(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
