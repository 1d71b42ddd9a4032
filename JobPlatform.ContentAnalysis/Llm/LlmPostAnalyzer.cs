using System.Text.Json;
using Microsoft.Extensions.AI;

namespace JobPlatform.ContentAnalysis.Llm;

/// <summary>
/// The <c>llm</c> engine (docs/requirements.md R-003-12): one chat request per batch, answered as JSON that follows a
/// strict schema built for the batch, then validated (<see cref="LlmAnswerReader"/>): an answer that breaks the contract
/// throws <see cref="InvalidLlmAnswerException"/>, a failure like any other for the AI breaker.
/// </summary>
internal sealed class LlmPostAnalyzer(IChatClient chat)
{
    public const string EngineName = "llm";

    private const string Instructions = """
        You analyse Instagram posts. For each post of the user's JSON, under the same key, give:
        - language: the ISO 639-1 code of the language the caption is written in (hashtags, links and @mentions do not count), "und" when it has no words, and your confidence from 0 to 1;
        - sentiment: "positive", "neutral" or "negative", a score from -1 (most negative) to 1 (most positive), and your confidence from 0 to 1;
        - category: the one label that best fits what the post is about, "other" when none fits, and your confidence from 0 to 1.
        Answer with the JSON object only.
        """;

    // The schema asks for the answer strictly: OpenAI then generates only JSON that follows it.
    private static readonly AdditionalPropertiesDictionary Strict = new() { ["strict"] = true };

    public async Task<IReadOnlyList<PostAnalysis>> AnalyzeAsync(IReadOnlyList<PostText> posts, CancellationToken cancellationToken)
    {
        var keys = LlmAnswerSchema.Keys(posts.Count);
        var options = new ChatOptions
        {
            ResponseFormat = ChatResponseFormat.ForJsonSchema(LlmAnswerSchema.For(keys), LlmAnswerSchema.Name, "Language, sentiment and category of each post."),
            Temperature = 0,
            AdditionalProperties = Strict,
        };
        var response = await chat.GetResponseAsync(
            [new ChatMessage(ChatRole.System, Instructions), new ChatMessage(ChatRole.User, Describe(keys, posts))], options, cancellationToken);
        return LlmAnswerReader.Read(response.Text, keys, posts);
    }

    /// <summary>The posts as JSON, each under its key; the ids stay here, so a model cannot mix them up.</summary>
    private static string Describe(IReadOnlyList<string> keys, IReadOnlyList<PostText> posts) =>
        JsonSerializer.Serialize(keys.Zip(posts).ToDictionary(
            pair => pair.First,
            pair => new { caption = pair.Second.Caption ?? "", hashtags = pair.Second.Hashtags }));
}
