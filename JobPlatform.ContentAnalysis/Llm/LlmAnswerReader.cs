using System.Text.Json;

namespace JobPlatform.ContentAnalysis.Llm;

/// <summary>
/// Reads and checks the model's answer: strict structured output is a promise of OpenAI's, not of every
/// OpenAI-compatible server, and a result is stored and shown as it is. Labels must be in their sets, language codes
/// ISO 639-1 (or <c>und</c>), numbers within their bounds; anything else is an <see cref="InvalidLlmAnswerException"/>.
/// </summary>
internal static class LlmAnswerReader
{
    public static IReadOnlyList<PostAnalysis> Read(string? answer, IReadOnlyList<string> keys, IReadOnlyList<PostText> posts)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(answer) ? throw Invalid("the answer is empty.") : answer);
            root = document.RootElement.Clone();
        }
        catch (JsonException exception)
        {
            throw Invalid($"the answer is not JSON ({exception.Message}).");
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Invalid("the answer is not a JSON object.");
        }

        return [.. keys.Zip(posts).Select(pair => ReadPost(root, pair.First, pair.Second.PostId))];
    }

    private static PostAnalysis ReadPost(JsonElement root, string key, string postId)
    {
        var analysis = Member(root, key, key);
        var language = Member(analysis, "language", key);
        var sentiment = Member(analysis, "sentiment", key);
        var category = Member(analysis, "category", key);
        return new PostAnalysis(postId,
            new LanguageGuess(Label(language, "code", LlmAnswerSchema.LanguageCodes, key), Bounded(language, "confidence", 0, 1, key)),
            new SentimentScore(Label(sentiment, "label", LlmAnswerSchema.SentimentLabels, key), Bounded(sentiment, "score", -1, 1, key),
                Bounded(sentiment, "confidence", 0, 1, key)),
            new CategoryGuess(Label(category, "label", LlmAnswerSchema.CategoryLabels, key), Bounded(category, "confidence", 0, 1, key)),
            LlmPostAnalyzer.EngineName);
    }

    private static JsonElement Member(JsonElement parent, string name, string key) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var member) && member.ValueKind == JsonValueKind.Object
            ? member
            : throw Invalid($"{key}: '{name}' is missing or not an object.");

    private static string Label(JsonElement parent, string name, IReadOnlySet<string> allowed, string key) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { } label && allowed.Contains(label)
            ? label
            : throw Invalid($"{key}: '{name}' is not one of the allowed values.");

    private static double Bounded(JsonElement parent, string name, double minimum, double maximum, string key) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.GetDouble() is var number
            && double.IsFinite(number) && number >= minimum && number <= maximum
            ? number
            : throw Invalid($"{key}: '{name}' is not a number from {minimum} to {maximum}.");

    private static InvalidLlmAnswerException Invalid(string problem) => new("The LLM's answer is invalid: " + problem);
}
