using System.Text.Json.Nodes;
using JobPlatform.ContentAnalysis;
using JobPlatform.ContentAnalysis.Llm;
using Microsoft.Extensions.AI;

namespace JobPlatform.Tests.ContentAnalysis;

/// <summary>The <c>llm</c> engine's request (one per batch, a strict schema) and its checks of the answer.</summary>
public sealed class LlmPostAnalyzerTests
{
    private static readonly PostText[] Batch =
    [
        new("a", "Quel voyage horrible, vol annulé", ["travel"]),
        new("b", "Second post", []),
        new("c", null, []),
        new("d", "Fourth", ["x"]),
        new("e", "Fifth", []),
    ];

    [Fact]
    public async Task A_batch_of_five_is_one_request_with_a_strict_schema_and_its_answer_maps_back_to_the_ids_in_order()
    {
        var chat = new ScriptedChatClient((_, _) => LlmAnswers.Valid(5).ToJsonString());

        var analyses = await new LlmPostAnalyzer(chat).AnalyzeAsync(Batch, CancellationToken.None);

        var request = Assert.Single(chat.Requests);
        var format = Assert.IsType<ChatResponseFormatJson>(request.Options!.ResponseFormat);
        Assert.Equal(5, LlmAnswers.PostsAsked(format.Schema!.Value));
        Assert.Equal(true, request.Options.AdditionalProperties!["strict"]);
        Assert.Contains("Quel voyage horrible", request.Messages[^1].Text, StringComparison.Ordinal);
        Assert.Equal(["a", "b", "c", "d", "e"], analyses.Select(analysis => analysis.PostId));
        Assert.All(analyses, analysis => Assert.Equal("llm", analysis.Engine));
        Assert.Equal(new LanguageGuess("fr", 0.9), analyses[0].Language);
        Assert.Equal(new SentimentScore("negative", -0.6, 0.8), analyses[0].Sentiment);
        Assert.Equal(new CategoryGuess("travel", 0.7), analyses[0].Category);
    }

    public static TheoryData<string, string> InvalidAnswers => new()
    {
        { "not JSON", "Sure! Here is the analysis: positive" },
        { "a post missing", LlmAnswers.With(5, answer => answer.Remove("post_3")) },
        { "a category outside the label set", LlmAnswers.With(5, answer => answer["post_2"]!["category"]!["label"] = "lifestyle") },
        { "a language that is no ISO 639-1 code", LlmAnswers.With(5, answer => answer["post_1"]!["language"]!["code"] = "english") },
        { "a sentiment outside the three labels", LlmAnswers.With(5, answer => answer["post_4"]!["sentiment"]!["label"] = "mixed") },
        { "a confidence above 1", LlmAnswers.With(5, answer => answer["post_5"]!["category"]!["confidence"] = 1.5) },
        { "a score below -1", LlmAnswers.With(5, answer => answer["post_1"]!["sentiment"]!["score"] = -2) },
        { "a number as a string", LlmAnswers.With(5, answer => answer["post_1"]!["language"]!["confidence"] = "0.9") },
    };

    [Theory]
    [MemberData(nameof(InvalidAnswers))]
    public async Task An_answer_that_breaks_the_contract_is_refused(string what, string answer)
    {
        var chat = new ScriptedChatClient((_, _) => answer);

        var failure = await Assert.ThrowsAsync<InvalidLlmAnswerException>(() => new LlmPostAnalyzer(chat).AnalyzeAsync(Batch, CancellationToken.None));

        Assert.StartsWith("The LLM's answer is invalid", failure.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(what));
    }

    [Fact]
    public void The_schema_offers_every_category_label_and_iso_639_1_codes()
    {
        var schema = JsonNode.Parse(LlmAnswerSchema.For(LlmAnswerSchema.Keys(1)).GetRawText())!;
        var analysis = schema["$defs"]!["analysis"]!["properties"]!;

        var categories = analysis["category"]!["properties"]!["label"]!["enum"]!.AsArray().Select(label => label!.GetValue<string>());
        var codes = analysis["language"]!["properties"]!["code"]!["enum"]!.AsArray().Select(code => code!.GetValue<string>()).ToList();

        Assert.Equal(["beauty", "business", "family", "fashion", "fitness", "food", "music", "other", "pets", "sports", "tech", "travel"], categories);
        Assert.Contains("en", codes);
        Assert.Contains("zh", codes);
        Assert.Contains("und", codes);
        Assert.All(codes, code => Assert.Matches("^([a-z]{2}|und)$", code));
        Assert.True(codes.Count > 70, $"{codes.Count} language codes");
    }
}
