using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace JobPlatform.Providers.FacebookGraph;

/// <summary>The Graph API's timestamps, <c>2024-03-01T09:15:22+0000</c>: an offset without a colon, which ISO 8601 readers refuse.</summary>
internal sealed class GraphTimestampConverter : JsonConverter<DateTimeOffset>
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:sszzz";

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        // "+0000" becomes "+00:00", which zzz reads.
        var iso = text is { Length: > 5 } && text[^5] is '+' or '-' ? text.Insert(text.Length - 2, ":") : text;
        return DateTimeOffset.TryParseExact(iso, Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var timestamp)
            || DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out timestamp)
            ? timestamp
            : throw new JsonException($"'{text}' is not a Graph API timestamp.");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString(Format, CultureInfo.InvariantCulture));
}
