using System.Text.Json;
using System.Text.Json.Serialization;

namespace JobPlatform.Tests.ContentAnalysis;

/// <summary>A sentence of UCI's "Sentiment Labelled Sentences" (CC BY 4.0): class 1 positive, 0 negative.</summary>
internal sealed record LabelledSentence([property: JsonPropertyName("text")] string Text, [property: JsonPropertyName("class")] int? Class)
{
    public bool IsPositive => Class == 1;

    /// <summary>The 1,000 labelled sentences of a corpus; the package's files end with an empty, unlabelled entry.</summary>
    public static IReadOnlyList<LabelledSentence> Read(string path) =>
        [.. (JsonSerializer.Deserialize<LabelledSentence[]>(File.ReadAllText(path)) ?? []).Where(sentence => sentence.Class is 0 or 1)];
}
