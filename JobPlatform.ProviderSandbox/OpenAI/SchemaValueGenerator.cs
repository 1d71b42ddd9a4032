using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using JobPlatform.ProviderSandbox.SyntheticData;

namespace JobPlatform.ProviderSandbox.OpenAI;

/// <summary>
/// The sandbox's structured output: a JSON value valid against the request's schema, generated type by type
/// (objects with every property, arrays within minItems/maxItems, strings within their length and format, numbers
/// within their bounds, enums and consts honoured, $ref, anyOf and nullable types followed), deterministically from
/// the request. Where the input is made of caption-library sentences, a property named like a sentiment or a
/// language, or an enum of tones, gets what the text really is, so analyses of sandbox data come out meaningful.
/// </summary>
internal sealed class SchemaValueGenerator(JsonElement root, DeterministicRandom random, string input)
{
    private const int MaxDepth = 12;
    private static readonly string[] ToneWords = ["positive", "neutral", "negative"];

    private readonly (CaptionLanguage Language, Tone Tone)? _recognised = CaptionLibrary.Recognise(input);
    private readonly string[] _words = input.Split((char[])[' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries);

    public JsonNode? Generate() => Generate(root, null, 0);

    private JsonNode? Generate(JsonElement schema, string? property, int depth)
    {
        if (schema.ValueKind != JsonValueKind.Object || depth > MaxDepth)
        {
            return null;
        }

        if (schema.TryGetProperty("$ref", out var reference) && Resolve(reference.GetString()) is { } target)
        {
            return Generate(target, property, depth + 1);
        }

        if (schema.TryGetProperty("const", out var constant))
        {
            return JsonNode.Parse(constant.GetRawText());
        }

        if (schema.TryGetProperty("enum", out var values) && values.GetArrayLength() > 0)
        {
            return JsonNode.Parse(PickEnum([.. values.EnumerateArray()], property).GetRawText());
        }

        foreach (var keyword in new[] { "anyOf", "oneOf", "allOf" })
        {
            if (schema.TryGetProperty(keyword, out var branches) && branches.GetArrayLength() > 0)
            {
                // A nullable field is anyOf [T, null]: give the T.
                var branch = branches.EnumerateArray().FirstOrDefault(candidate => !IsNullType(candidate));
                return Generate(branch.ValueKind == JsonValueKind.Undefined ? branches[0] : branch, property, depth + 1);
            }
        }

        return Type(schema) switch
        {
            "object" => Object(schema, depth),
            "array" => Array(schema, property, depth),
            "string" => String(schema, property),
            "integer" => Integer(schema),
            "number" => Number(schema),
            "boolean" => JsonValue.Create(random.Chance(0.5)),
            "null" => null,
            _ => String(schema, property),
        };
    }

    private JsonObject Object(JsonElement schema, int depth)
    {
        var result = new JsonObject();
        if (schema.TryGetProperty("properties", out var properties))
        {
            foreach (var property in properties.EnumerateObject())
            {
                result[property.Name] = Generate(property.Value, property.Name, depth + 1);
            }
        }

        return result;
    }

    private JsonArray Array(JsonElement schema, string? property, int depth)
    {
        var min = Bound(schema, "minItems") ?? 1;
        var max = Math.Max(min, Bound(schema, "maxItems") ?? min + 2);
        var items = schema.TryGetProperty("items", out var itemSchema) ? itemSchema : default;
        return new JsonArray([.. Enumerable.Range(0, random.Next((int)min, (int)max + 1)).Select(_ => Generate(items, property, depth + 1))]);
    }

    private JsonValue String(JsonElement schema, string? property)
    {
        var format = schema.TryGetProperty("format", out var formatElement) ? formatElement.GetString() : null;
        var name = property?.ToLowerInvariant() ?? "";
        var text = format switch
        {
            "date-time" => InstagramFeed.Epoch.AddMinutes(random.Next(0, 1_000_000)).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            "date" => InstagramFeed.Epoch.AddDays(random.Next(0, 900)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "time" => TimeSpan.FromSeconds(random.Next(0, 86_400)).ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture),
            "email" => $"user{random.Next(1, 1000)}@example.com",
            "uri" => $"https://example.com/{random.Next(1, 1000)}",
            "uuid" => new Guid([.. Enumerable.Range(0, 16).Select(_ => (byte)random.Next(256))]).ToString(),
            _ when name.Contains("language", StringComparison.Ordinal) => (_recognised?.Language ?? CaptionLibrary.English).Code,
            _ when name.Contains("sentiment", StringComparison.Ordinal) || name.Contains("tone", StringComparison.Ordinal) => ToneWord(),
            _ => Excerpt(),
        };
        var minLength = (int)(Bound(schema, "minLength") ?? 0);
        var maxLength = (int)(Bound(schema, "maxLength") ?? int.MaxValue);
        if (text.Length < minLength)
        {
            text = text.PadRight(minLength, '.');
        }

        return JsonValue.Create(text.Length > maxLength ? text[..maxLength] : text);
    }

    private JsonValue Integer(JsonElement schema)
    {
        var min = (long)Math.Ceiling(Limit(schema, "minimum", "exclusiveMinimum", 1) ?? 0);
        var max = (long)Math.Floor(Limit(schema, "maximum", "exclusiveMaximum", -1) ?? Math.Max(min, 100));
        return JsonValue.Create(max <= min ? min : random.NextInt64(min, max + 1));
    }

    private JsonValue Number(JsonElement schema)
    {
        var min = Limit(schema, "minimum", "exclusiveMinimum", 0.001) ?? 0;
        var max = Limit(schema, "maximum", "exclusiveMaximum", -0.001) ?? Math.Max(min, 1);
        var value = max <= min ? min : Math.Round(random.NextDouble(min, max), 3);
        return JsonValue.Create(Math.Clamp(value, min, max));
    }

    /// <summary>An enum of tones gets the input's tone when it is recognised; any other enum, a pick.</summary>
    private JsonElement PickEnum(List<JsonElement> values, string? property)
    {
        var tone = ToneWord();
        var matching = values.FirstOrDefault(value => value.ValueKind == JsonValueKind.String && string.Equals(value.GetString(), tone, StringComparison.OrdinalIgnoreCase));
        if (matching.ValueKind != JsonValueKind.Undefined && (_recognised is not null || property is not null && property.Contains("sentiment", StringComparison.OrdinalIgnoreCase)))
        {
            return matching;
        }

        var language = _recognised?.Language.Code;
        var languageMatch = values.FirstOrDefault(value => value.ValueKind == JsonValueKind.String && value.GetString() == language);
        return languageMatch.ValueKind != JsonValueKind.Undefined ? languageMatch : values[random.Next(values.Count)];
    }

    private string ToneWord() => _recognised is { } found ? ToneWords[(int)found.Tone] : random.Pick(ToneWords);

    /// <summary>A few consecutive words of the input (or of the library when there is no input).</summary>
    private string Excerpt()
    {
        if (_words.Length == 0)
        {
            return CaptionLibrary.Sentences(random, CaptionLibrary.English, Tone.Neutral, 1);
        }

        var length = Math.Min(_words.Length, random.Next(3, 9));
        var start = random.Next(_words.Length - length + 1);
        return string.Join(' ', _words, start, length);
    }

    private JsonElement? Resolve(string? reference)
    {
        if (reference is null || !reference.StartsWith('#'))
        {
            return null;
        }

        var target = root;
        foreach (var part in reference[1..].Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (target.ValueKind != JsonValueKind.Object || !target.TryGetProperty(part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal), out target))
            {
                return null;
            }
        }

        return target;
    }

    private static string? Type(JsonElement schema)
    {
        if (!schema.TryGetProperty("type", out var type))
        {
            return schema.TryGetProperty("properties", out _) ? "object" : schema.TryGetProperty("items", out _) ? "array" : null;
        }

        return type.ValueKind == JsonValueKind.Array
            ? type.EnumerateArray().Select(item => item.GetString()).FirstOrDefault(name => name != "null") ?? "null"
            : type.GetString();
    }

    private static bool IsNullType(JsonElement schema) =>
        schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "null";

    private static double? Bound(JsonElement schema, string keyword) =>
        schema.TryGetProperty(keyword, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    /// <summary>An inclusive bound, or an exclusive one moved inward by <paramref name="step"/>.</summary>
    private static double? Limit(JsonElement schema, string inclusive, string exclusive, double step) =>
        Bound(schema, inclusive) ?? (Bound(schema, exclusive) is { } bound ? bound + step : null);
}
