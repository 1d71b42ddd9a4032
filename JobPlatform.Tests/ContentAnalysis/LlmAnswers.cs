using System.Text.Json;
using System.Text.Json.Nodes;

namespace JobPlatform.Tests.ContentAnalysis;

/// <summary>Answers a model could give for a batch: valid ones, and each way of breaking the contract.</summary>
public static class LlmAnswers
{
    public static JsonObject Valid(int posts) => new(Enumerable.Range(1, posts).Select(position => KeyValuePair.Create($"post_{position}", (JsonNode?)new JsonObject
    {
        ["language"] = new JsonObject { ["code"] = "fr", ["confidence"] = 0.9 },
        ["sentiment"] = new JsonObject { ["label"] = "negative", ["score"] = -0.6, ["confidence"] = 0.8 },
        ["category"] = new JsonObject { ["label"] = "travel", ["confidence"] = 0.7 },
    })));

    /// <summary>The valid answer for <paramref name="posts"/> posts with one value replaced.</summary>
    public static string With(int posts, Action<JsonObject> breakIt)
    {
        var answer = Valid(posts);
        breakIt(answer);
        return answer.ToJsonString();
    }

    public static int PostsAsked(JsonElement schema) => schema.GetProperty("properties").EnumerateObject().Count();
}
