using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using JobPlatform.Providers.Http;
using JobPlatform.Providers.Telemetry;
using Microsoft.Extensions.Options;

namespace JobPlatform.Providers.OpenAI;

/// <summary>
/// Audio transcription and chat completions with Structured Outputs. A rate limit is waited out (<c>retry-after-ms</c>);
/// an exhausted quota fails at once, not transient.
/// </summary>
public sealed class OpenAIClient(HttpClient http, IOptions<OpenAIOptions> options, ProviderTelemetry telemetry)
{
    /// <summary>OpenAI's upload limit for a transcription (25 MiB); larger audio must be compressed or split first.</summary>
    public const long MaxAudioBytes = 25 * 1024 * 1024;

    private readonly OpenAIOptions _options = options.Value;
    private readonly ProviderCaller _caller = new(http, ProviderIdentity.OpenAI, OpenAIFaults.Instance, telemetry, options.Value.Secrets);

    /// <summary>The text spoken in <paramref name="audio"/>, read from its current position; the stream is left open.</summary>
    /// <param name="fileName">Its extension tells OpenAI the format: flac, mp3, mp4, mpeg, mpga, m4a, ogg, wav or webm.</param>
    /// <param name="language">ISO-639-1 (<c>en</c>), when known: better and faster.</param>
    public async Task<string> TranscribeAsync(Stream audio, string fileName, string? language = null, CancellationToken cancellationToken = default)
    {
        using var activity = ProviderTelemetry.StartOperation(ProviderIdentity.OpenAI, "openai.transcribe");
        // In memory (25 MiB at most): a retry sends the same bytes again, whatever stream they came from.
        var bytes = await ReadAudioAsync(audio, cancellationToken);
        var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(bytes), "file", fileName },
            { new StringContent(_options.TranscriptionModel), "model" },
            { new StringContent("json"), "response_format" },
        };
        if (language is not null)
        {
            form.Add(new StringContent(language), "language");
        }

        var transcription = await _caller.SendJsonAsync<TranscriptionResponse>(new HttpRequestMessage(HttpMethod.Post, "audio/transcriptions") { Content = form },
            new ProviderCall("transcriptions", _options.TranscriptionTimeout), "transcription", cancellationToken);
        return transcription.Text;
    }

    /// <summary>
    /// The model's answer to <paramref name="system"/> and <paramref name="user"/>, following <paramref name="schema"/>
    /// (strict), as <typeparamref name="T"/>. Throws <see cref="OpenAIRefusalException"/> when the model declines.
    /// </summary>
    /// <param name="schemaName">Letters, digits, <c>_</c> and <c>-</c>; at most 64.</param>
    /// <param name="schema">A JSON Schema object for strict mode: every property required, <c>additionalProperties: false</c>.</param>
    public async Task<T> CompleteJsonAsync<T>(string system, string user, string schemaName, JsonElement schema, CancellationToken cancellationToken = default)
    {
        using var activity = ProviderTelemetry.StartOperation(ProviderIdentity.OpenAI, "openai.chat")?.SetTag("openai.schema", schemaName);
        var completion = new ChatCompletionRequest(_options.ChatModel,
            [new ChatMessage("system", system), new ChatMessage("user", user)],
            ChatResponseFormat.Strict(schemaName, schema));
        var request = new HttpRequestMessage(HttpMethod.Post, "chat/completions") { Content = JsonContent.Create(completion, options: ProviderJson.Options) };
        return await _caller.SendAsync(request, new ProviderCall("chat", _options.RequestTimeout),
            async (response, token) => ReadAnswer<T>(await _caller.ReadJsonAsync<ChatCompletion>(response, "chat completion", token)), cancellationToken);
    }

    private T ReadAnswer<T>(ChatCompletion completion)
    {
        var choice = completion.Choices is [var first, ..] ? first : throw _caller.Malformed("chat completion", "it has no choices.");
        if (choice.Message.Refusal is { } refusal)
        {
            throw new OpenAIRefusalException(refusal);
        }

        if (choice.FinishReason is "length" or "content_filter")
        {
            // The same prompt stops at the same place: retrying cannot complete it.
            throw new ProviderException(ProviderIdentity.OpenAI.Name,
                $"OpenAI's answer was cut short ({choice.FinishReason}): it is not the whole JSON.", transient: false);
        }

        try
        {
            return JsonSerializer.Deserialize<T>(choice.Message.Content ?? throw new JsonException("The message has neither content nor refusal."),
                ProviderJson.Options) ?? throw new JsonException("The content is null.");
        }
        catch (JsonException exception)
        {
            throw _caller.Malformed("structured answer", exception.Message);
        }
    }

    private static async Task<byte[]> ReadAudioAsync(Stream audio, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await audio.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxAudioBytes)
            {
                throw new ProviderException(ProviderIdentity.OpenAI.Name, string.Create(CultureInfo.InvariantCulture,
                    $"The audio is larger than OpenAI's {MaxAudioBytes / (1024 * 1024)} MiB transcription limit: compress or split it first."), transient: false);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
