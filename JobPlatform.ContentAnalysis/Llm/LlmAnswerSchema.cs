using System.Text.Json;
using System.Text.Json.Nodes;
using JobPlatform.ContentAnalysis.Category;
using JobPlatform.ContentAnalysis.Language;
using JobPlatform.ContentAnalysis.Sentiment;
using Lingua;

namespace JobPlatform.ContentAnalysis.Llm;

/// <summary>
/// The answer the <c>llm</c> engine asks for: an object with one property per post of the batch (<c>post_1</c>..),
/// each holding the three analyses with their labels as enums and their numbers bounded. Strict-mode rules: every
/// property required, no other property allowed.
/// </summary>
internal static class LlmAnswerSchema
{
    public const string Name = "post_analyses";

    /// <summary>Every ISO 639-1 code Lingua knows (75 languages), and <c>und</c>.</summary>
    public static IReadOnlySet<string> LanguageCodes { get; } = Enum.GetValues<Lingua.Language>()
        .Select(language => LanguageInfo.IsoCode6391(language))
        .Where(code => code != IsoCode6391.None)
        .Select(code => code.ToString().ToLowerInvariant())
        .Append(PostLanguageDetector.Undetermined)
        .ToHashSet(StringComparer.Ordinal);

    public static IReadOnlySet<string> SentimentLabels { get; } =
        new HashSet<string>([VaderSentimentScorer.Positive, VaderSentimentScorer.Neutral, VaderSentimentScorer.Negative], StringComparer.Ordinal);

    public static IReadOnlySet<string> CategoryLabels { get; } =
        CategorySeeds.ByLabel.Keys.Append(CategorySeeds.Other).ToHashSet(StringComparer.Ordinal);

    public static IReadOnlyList<string> Keys(int posts) => [.. Enumerable.Range(1, posts).Select(position => $"post_{position}")];

    public static JsonElement For(IReadOnlyList<string> keys)
    {
        var analysis = StrictObject(new JsonObject
        {
            ["language"] = StrictObject(new JsonObject { ["code"] = OneOf(LanguageCodes), ["confidence"] = Number(0, 1) }),
            ["sentiment"] = StrictObject(new JsonObject { ["label"] = OneOf(SentimentLabels), ["score"] = Number(-1, 1), ["confidence"] = Number(0, 1) }),
            ["category"] = StrictObject(new JsonObject { ["label"] = OneOf(CategoryLabels), ["confidence"] = Number(0, 1) }),
        });
        var root = StrictObject(new JsonObject(keys.Select(key => KeyValuePair.Create(key, (JsonNode?)new JsonObject { ["$ref"] = "#/$defs/analysis" }))));
        root["$defs"] = new JsonObject { ["analysis"] = analysis };
        return JsonSerializer.SerializeToElement(root);
    }

    private static JsonObject StrictObject(JsonObject properties) => new()
    {
        ["type"] = "object",
        ["required"] = new JsonArray([.. properties.Select(property => (JsonNode?)property.Key)]),
        ["additionalProperties"] = false,
        ["properties"] = properties,
    };

    private static JsonObject OneOf(IEnumerable<string> values) => new()
    {
        ["type"] = "string",
        ["enum"] = new JsonArray([.. values.Order(StringComparer.Ordinal).Select(value => (JsonNode?)value)]),
    };

    private static JsonObject Number(double minimum, double maximum) => new() { ["type"] = "number", ["minimum"] = minimum, ["maximum"] = maximum };
}
