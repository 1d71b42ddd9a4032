using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace JobPlatform.Tests.ProviderSandbox;

/// <summary>The sandbox's OpenAI: structured outputs valid against their schema, transcriptions, OpenAI's errors and 429s.</summary>
public sealed class OpenAISandboxTests(SandboxFactory sandbox) : IClassFixture<SandboxFactory>
{
    private const string Schema = """
        {
          "type": "object",
          "properties": {
            "hook": { "type": "string", "maxLength": 40 },
            "sentiment": { "type": "string", "enum": ["positive", "neutral", "negative"] },
            "language": { "type": "string" },
            "confidence": { "type": "number", "minimum": 0, "maximum": 1 },
            "rating": { "type": "integer", "minimum": 1, "maximum": 5 },
            "key_claims": { "type": "array", "items": { "type": "string" }, "minItems": 1, "maxItems": 3 },
            "target": { "anyOf": [{ "$ref": "#/$defs/audience" }, { "type": "null" }] }
          },
          "required": ["hook", "sentiment", "language", "confidence", "rating", "key_claims", "target"],
          "additionalProperties": false,
          "$defs": {
            "audience": {
              "type": "object",
              "properties": { "age_group": { "type": "string", "enum": ["teen", "adult", "senior"] }, "is_local": { "type": "boolean" } },
              "required": ["age_group", "is_local"],
              "additionalProperties": false
            }
          }
        }
        """;

    [Fact]
    public async Task A_json_schema_answer_validates_against_the_schema_and_reads_the_text()
    {
        using var client = sandbox.OpenAI();
        var request = ChatRequest("Transcript: Hoy fue agotador y nada salió bien. Muy decepcionado con el servicio, no vuelvo más.", JsonNode.Parse(Schema)!, strict: true);

        var first = await CompleteAsync(client, request);
        var second = await CompleteAsync(client, request);

        using var content = JsonDocument.Parse(first);
        JsonSchemaAssert.Valid(content.RootElement, JsonDocument.Parse(Schema).RootElement);
        Assert.Equal(first, second);
        Assert.Equal("negative", content.RootElement.GetProperty("sentiment").GetString());
        Assert.Equal("es", content.RootElement.GetProperty("language").GetString());
    }

    [Fact]
    public async Task A_strict_schema_without_additional_properties_false_is_refused()
    {
        using var client = sandbox.OpenAI();
        var schema = new JsonObject { ["type"] = "object", ["properties"] = new JsonObject { ["a"] = new JsonObject { ["type"] = "string" } }, ["required"] = new JsonArray("a") };

        using var response = await client.PostAsJsonAsync("/openai/v1/chat/completions", ChatRequest("hello", schema, strict: true));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await ErrorAsync(response);
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Contains("'additionalProperties' is required to be supplied and to be false", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_audio_gives_the_same_transcript()
    {
        using var client = sandbox.OpenAI();
        var audio = new byte[120_000];
        new Random(7).NextBytes(audio);

        var first = await TranscribeAsync(client, audio, "verbose_json");
        var second = await TranscribeAsync(client, audio, "verbose_json");

        Assert.Equal(first.ToJsonString(), second.ToJsonString());
        Assert.False(string.IsNullOrWhiteSpace(first["text"]!.GetValue<string>()));
        Assert.NotEmpty(first["segments"]!.AsArray());
        Assert.Equal(4.8, first["duration"]!.GetValue<double>());
    }

    [Fact]
    public async Task An_upload_over_25_mib_is_a_413_in_openais_shape()
    {
        using var client = sandbox.OpenAI();
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(new byte[26_214_401]), "file", "big.mp3" },
            { new StringContent("whisper-1"), "model" },
        };

        using var response = await client.PostAsync("/openai/v1/audio/transcriptions", form);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("Maximum content size limit (26214400)", (await ErrorAsync(response)).GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keys_are_refused_in_openais_shape()
    {
        using var anonymous = sandbox.CreateClient();
        using var wrongKey = sandbox.CreateClient();
        wrongKey.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "sk-not-the-right-key");

        using var missing = await anonymous.PostAsJsonAsync("/openai/v1/chat/completions", ChatRequest("hi", null, false));
        using var wrong = await wrongKey.PostAsJsonAsync("/openai/v1/chat/completions", ChatRequest("hi", null, false));

        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Contains("You didn't provide an API key", (await ErrorAsync(missing)).GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal("invalid_api_key", (await ErrorAsync(wrong)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_rate_limit_and_an_exhausted_quota_are_429s_told_apart_by_code()
    {
        using var client = sandbox.OpenAI();
        await client.InjectAsync(new { provider = "openai", operation = "chat", kind = "status", status = 429, retry_after_seconds = 2 });
        await client.InjectAsync(new { provider = "openai", operation = "chat", kind = "status", status = 429, error_code = "insufficient_quota" });

        using var limited = await client.PostAsJsonAsync("/openai/v1/chat/completions", ChatRequest("hi", null, false));
        using var quota = await client.PostAsJsonAsync("/openai/v1/chat/completions", ChatRequest("hi", null, false));

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("rate_limit_exceeded", (await ErrorAsync(limited)).GetProperty("code").GetString());
        Assert.Equal("2", limited.Headers.GetValues("retry-after").Single());
        Assert.Equal("2000", limited.Headers.GetValues("retry-after-ms").Single());
        Assert.Equal("0", limited.Headers.GetValues("x-ratelimit-remaining-requests").Single());
        Assert.Equal(HttpStatusCode.TooManyRequests, quota.StatusCode);
        Assert.Equal("insufficient_quota", (await ErrorAsync(quota)).GetProperty("type").GetString());
        Assert.False(quota.Headers.Contains("retry-after"));
    }

    private static JsonObject ChatRequest(string text, JsonNode? schema, bool strict)
    {
        var request = new JsonObject
        {
            ["model"] = "gpt-4o-mini",
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "system", ["content"] = "You analyse ad transcripts." }, new JsonObject { ["role"] = "user", ["content"] = text }),
        };
        if (schema is not null)
        {
            request["response_format"] = new JsonObject
            {
                ["type"] = "json_schema",
                ["json_schema"] = new JsonObject { ["name"] = "ad_analysis", ["strict"] = strict, ["schema"] = schema },
            };
        }

        return request;
    }

    private static async Task<string> CompleteAsync(HttpClient client, JsonObject request)
    {
        using var response = await client.PostAsJsonAsync("/openai/v1/chat/completions", request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var completion = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("stop", completion["choices"]![0]!["finish_reason"]!.GetValue<string>());
        return completion["choices"]![0]!["message"]!["content"]!.GetValue<string>();
    }

    private static async Task<JsonObject> TranscribeAsync(HttpClient client, byte[] audio, string format)
    {
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(audio), "file", "ad.mp4" },
            { new StringContent("whisper-1"), "model" },
            { new StringContent(format), "response_format" },
        };
        using var response = await client.PostAsync("/openai/v1/audio/transcriptions", form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static async Task<JsonElement> ErrorAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
}
