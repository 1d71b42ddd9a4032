using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using JobPlatform.ProviderSandbox.Control;
using JobPlatform.ProviderSandbox.SyntheticData;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace JobPlatform.ProviderSandbox.OpenAI;

/// <summary>
/// OpenAI's API under <c>/openai/v1</c> (the base URL <c>https://api.openai.com/v1</c>): audio transcriptions and chat
/// completions, structured outputs (<c>json_schema</c>) included.
/// </summary>
internal static class OpenAIApi
{
    private static readonly string[] AudioExtensions = ["flac", "m4a", "mp3", "mp4", "mpeg", "mpga", "oga", "ogg", "wav", "webm"];

    public static RouteGroupBuilder MapOpenAIApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapProviderGroup<OpenAIDialect>("/openai/v1");
        // Above the 25 MiB limit: a larger upload gets OpenAI's own 413, not the server's bare one.
        api.MapPost("/audio/transcriptions", CreateTranscription).IsOperation(ProviderCatalog.OpenAI, "transcriptions")
            .WithMetadata(new RequestSizeLimitAttribute(4 * OpenAIErrors.MaxUploadBytes));
        api.MapPost("/chat/completions", CreateChatCompletion).IsOperation(ProviderCatalog.OpenAI, "chat");
        return api;
    }

    public static async Task<Results<ContentHttpResult, JsonHttpResult<JsonObject>, JsonHttpResult<OpenAIErrorBody>>> CreateTranscription(HttpRequest request, LatencySettings latency, TimeProvider time, CancellationToken cancellationToken)
    {
        if (request.ContentLength > OpenAIErrors.MaxUploadBytes)
        {
            return OpenAIErrors.TooLarge(request.ContentLength.Value);
        }

        if (!request.HasFormContentType)
        {
            return OpenAIErrors.InvalidRequest($"Invalid Content-Type header ({request.ContentType}), expected multipart/form-data.");
        }

        var form = await request.ReadFormAsync(cancellationToken);
        if (form.Files["file"] is not { } file)
        {
            return OpenAIErrors.MissingParameter("file");
        }

        if (file.Length > OpenAIErrors.MaxUploadBytes)
        {
            return OpenAIErrors.TooLarge(file.Length);
        }

        var model = form["model"].ToString();
        if (model.Length == 0)
        {
            return OpenAIErrors.MissingParameter("model");
        }

        if (!OpenAIModels.IsTranscription(model))
        {
            return OpenAIErrors.ModelNotFound(model);
        }

        var extension = Path.GetExtension(file.FileName).TrimStart('.').ToLowerInvariant();
        if (!AudioExtensions.Contains(extension))
        {
            return OpenAIErrors.InvalidRequest($"Invalid file format. Supported formats: [{string.Join(", ", AudioExtensions.Select(format => $"'{format}'"))}]", "file");
        }

        var format = form["response_format"] is { Count: > 0 } requested ? requested.ToString() : "json";
        if (format is not ("json" or "text" or "verbose_json" or "srt" or "vtt"))
        {
            return OpenAIErrors.InvalidRequest($"'{format}' is not one of ['json', 'text', 'srt', 'verbose_json', 'vtt'] - 'response_format'", "response_format");
        }

        if (OpenAIModels.OnlyJsonOrText(model) && format is not ("json" or "text"))
        {
            return OpenAIErrors.InvalidRequest($"response_format '{format}' is not compatible with model '{model}'. Use 'json' or 'text' instead.", "response_format", "unsupported_value");
        }

        using var audio = new MemoryStream();
        await file.CopyToAsync(audio, cancellationToken);
        var bytes = audio.ToArray();
        await Task.Delay(latency.Duration(TimeSpan.Zero, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(20), StableHash.Of(bytes)), time, cancellationToken);
        var transcript = Transcriber.Transcribe(bytes, form["language"]);
        return format switch
        {
            "text" => TypedResults.Text(transcript.Text + "\n", "text/plain", Encoding.UTF8),
            "srt" => TypedResults.Text(TranscriptionResponses.Subtitles(transcript, webVtt: false), "text/plain", Encoding.UTF8),
            "vtt" => TypedResults.Text(TranscriptionResponses.Subtitles(transcript, webVtt: true), "text/vtt", Encoding.UTF8),
            "verbose_json" => TypedResults.Json(TranscriptionResponses.Verbose(transcript, model), OpenAIJson.Options),
            _ => TypedResults.Json(TranscriptionResponses.Json(transcript, model), OpenAIJson.Options),
        };
    }

    public static async Task<Results<JsonHttpResult<ChatCompletion>, JsonHttpResult<OpenAIErrorBody>>> CreateChatCompletion(HttpRequest request, LatencySettings latency, TimeProvider time, CancellationToken cancellationToken)
    {
        JsonElement body;
        try
        {
            body = (await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken)).RootElement;
        }
        catch (JsonException)
        {
            return OpenAIErrors.InvalidRequest("We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)");
        }

        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("model", out var modelElement) || modelElement.ValueKind != JsonValueKind.String)
        {
            return OpenAIErrors.InvalidRequest("you must provide a model parameter");
        }

        var model = modelElement.GetString()!;
        if (!OpenAIModels.IsChat(model))
        {
            return OpenAIErrors.ModelNotFound(model);
        }

        if (!body.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array || messages.GetArrayLength() == 0)
        {
            return OpenAIErrors.MissingParameter("messages");
        }

        var input = string.Join("\n", messages.EnumerateArray().Select(Text));
        var responseFormat = body.TryGetProperty("response_format", out var format) ? format : default;
        var formatType = responseFormat.ValueKind == JsonValueKind.Object && responseFormat.TryGetProperty("type", out var typeElement) ? typeElement.GetString() : "text";
        var random = new DeterministicRandom(StableHash.Of(model, messages.GetRawText(), responseFormat.ValueKind == JsonValueKind.Undefined ? "" : responseFormat.GetRawText()));
        string content;
        switch (formatType)
        {
            case "json_schema":
                if (!responseFormat.TryGetProperty("json_schema", out var jsonSchema) || jsonSchema.ValueKind != JsonValueKind.Object)
                {
                    return OpenAIErrors.MissingParameter("response_format.json_schema");
                }

                if (StructuredOutputSchema.Problem(jsonSchema) is { } problem)
                {
                    return OpenAIErrors.InvalidRequest(problem.Message, problem.Param);
                }

                content = new SchemaValueGenerator(jsonSchema.GetProperty("schema"), random, input).Generate()?.ToJsonString(OpenAIJson.Options) ?? "{}";
                break;
            case "json_object":
                if (!input.Contains("json", StringComparison.OrdinalIgnoreCase))
                {
                    return OpenAIErrors.InvalidRequest("'messages' must contain the word 'json' in some form, to use 'response_format' of type 'json_object'.", "messages");
                }

                content = new JsonObject { ["response"] = Reply(random, input) }.ToJsonString(OpenAIJson.Options);
                break;
            case "text":
                content = Reply(random, input);
                break;
            default:
                return OpenAIErrors.InvalidRequest($"Invalid value: '{formatType}'. Supported values are: 'text', 'json_object', and 'json_schema'.", "response_format.type", "invalid_value");
        }

        await Task.Delay(latency.Duration(TimeSpan.Zero, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10), random.NextUInt64()), time, cancellationToken);
        var promptTokens = Math.Max(1, input.Length / 4);
        var completionTokens = Math.Max(1, content.Length / 4);
        var completion = new ChatCompletion(
            "chatcmpl-" + RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 29),
            "chat.completion",
            time.GetUtcNow().ToUnixTimeSeconds(),
            model,
            [new ChatChoice(0, new ChatMessage("assistant", content, null, []), null, "stop")],
            new ChatUsage(promptTokens, completionTokens, promptTokens + completionTokens, new PromptTokensDetails(0, 0), new CompletionTokensDetails(0, 0, 0, 0)),
            "default",
            "fp_sandbox");
        return TypedResults.Json(completion, OpenAIJson.Options);
    }

    /// <summary>A message's text: a string, or the text parts of a content array.</summary>
    private static string Text(JsonElement message)
    {
        if (message.ValueKind != JsonValueKind.Object || !message.TryGetProperty("content", out var content))
        {
            return "";
        }

        return content.ValueKind switch
        {
            JsonValueKind.String => content.GetString()!,
            JsonValueKind.Array => string.Join("\n", content.EnumerateArray()
                .Where(part => part.ValueKind == JsonValueKind.Object && part.TryGetProperty("text", out _))
                .Select(part => part.GetProperty("text").GetString())),
            _ => "",
        };
    }

    /// <summary>A plain answer: sentences of the library in the input's language and tone, when the input is made of them.</summary>
    private static string Reply(DeterministicRandom random, string input)
    {
        var (language, tone) = CaptionLibrary.Recognise(input) ?? (CaptionLibrary.English, Tone.Neutral);
        return CaptionLibrary.Sentences(random, language, tone, 2);
    }
}
