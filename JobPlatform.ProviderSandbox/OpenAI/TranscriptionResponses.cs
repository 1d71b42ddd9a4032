using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace JobPlatform.ProviderSandbox.OpenAI;

/// <summary>A transcript in each <c>response_format</c> of the transcription endpoint.</summary>
internal static class TranscriptionResponses
{
    /// <summary><c>json</c>: the text and the usage (seconds of audio for whisper-1, tokens for the gpt-4o transcribers).</summary>
    public static JsonObject Json(Transcript transcript, string model) => new()
    {
        ["text"] = transcript.Text,
        ["usage"] = Usage(transcript, model),
    };

    /// <summary><c>verbose_json</c> (whisper-1): language as a lowercase English name, duration, segments.</summary>
    public static JsonObject Verbose(Transcript transcript, string model) => new()
    {
        ["task"] = "transcribe",
        ["language"] = transcript.Language.Name,
        ["duration"] = transcript.DurationSeconds,
        ["text"] = transcript.Text,
        ["segments"] = System.Text.Json.JsonSerializer.SerializeToNode(transcript.Segments, OpenAIJson.Options),
        ["usage"] = Usage(transcript, model),
    };

    public static string Subtitles(Transcript transcript, bool webVtt)
    {
        var text = new StringBuilder(webVtt ? "WEBVTT\n\n" : "");
        foreach (var segment in transcript.Segments)
        {
            if (!webVtt)
            {
                text.Append(CultureInfo.InvariantCulture, $"{segment.Id + 1}\n");
            }

            text.Append(CultureInfo.InvariantCulture, $"{Time(segment.Start, webVtt)} --> {Time(segment.End, webVtt)}\n{segment.Text.Trim()}\n\n");
        }

        return text.ToString();
    }

    private static JsonObject Usage(Transcript transcript, string model) => OpenAIModels.OnlyJsonOrText(model)
        ? new JsonObject
        {
            ["type"] = "tokens",
            ["input_tokens"] = (int)(transcript.DurationSeconds * 10),
            ["output_tokens"] = transcript.Text.Length / 4,
            ["total_tokens"] = (int)(transcript.DurationSeconds * 10) + transcript.Text.Length / 4,
            ["input_token_details"] = new JsonObject { ["text_tokens"] = 0, ["audio_tokens"] = (int)(transcript.DurationSeconds * 10) },
        }
        : new JsonObject { ["type"] = "duration", ["seconds"] = (int)Math.Ceiling(transcript.DurationSeconds) };

    private static string Time(double seconds, bool webVtt) =>
        TimeSpan.FromSeconds(seconds).ToString(webVtt ? @"hh\:mm\:ss\.fff" : @"hh\:mm\:ss\,fff", CultureInfo.InvariantCulture);
}
