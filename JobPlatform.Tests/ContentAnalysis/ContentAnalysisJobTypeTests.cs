using System.Text.Json;
using JobPlatform.ContentAnalysis.Jobs;

namespace JobPlatform.Tests.ContentAnalysis;

/// <summary>docs/requirements.md R-003-18: what a <c>content_analysis</c> job accepts, and the message that names what is wrong.</summary>
public sealed class ContentAnalysisJobTypeTests
{
    private static readonly ContentAnalysisJobType Type = new();

    private static string? Validate(object parameters) => Type.Validate(JsonSerializer.SerializeToElement(parameters));

    private static object[] Posts(int count, int textLength = 10) =>
        [.. Enumerable.Range(0, count).Select(n => new { id = $"p{n}", text = new string('a', textLength) })];

    [Fact]
    public void One_to_five_hundred_posts_of_up_to_five_thousand_characters_are_accepted()
    {
        Assert.Null(Validate(new { posts = Posts(1) }));
        Assert.Null(Validate(new { posts = Posts(500, textLength: 5000) }));
        Assert.Null(Validate(new { posts = new[] { new { id = "empty", text = "" } } }));
    }

    public static TheoryData<string, string> Refusals => new()
    {
        { """{}""", "parameters.posts must be an array of 1 to 500 posts." },
        { """{"posts": []}""", "parameters.posts must be an array of 1 to 500 posts." },
        { JsonSerializer.Serialize(new { posts = Posts(501) }), "parameters.posts must be an array of 1 to 500 posts." },
        { """{"posts": ["hello"]}""", "parameters.posts[0] must be an object with an id and a text." },
        { """{"posts": [{"id": "a", "text": "x"}, {"text": "y"}]}""", "parameters.posts[1].id must be a string of 1 to 100 characters." },
        { """{"posts": [{"id": 7, "text": "x"}]}""", "parameters.posts[0].id must be a string of 1 to 100 characters." },
        { """{"posts": [{"id": "a", "text": "x"}, {"id": "a", "text": "y"}]}""", "parameters.posts[1].id repeats 'a': ids must be distinct." },
        { """{"posts": [{"id": "a"}]}""", "parameters.posts[0].text must be a string of at most 5000 characters." },
        { JsonSerializer.Serialize(new { posts = Posts(2, textLength: 5001) }), "parameters.posts[0].text must be a string of at most 5000 characters." },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void Invalid_parameters_are_refused_with_a_message_naming_the_field(string parameters, string message) =>
        Assert.Equal(message, Type.Validate(JsonDocument.Parse(parameters).RootElement));
}
