namespace JobPlatform.ProviderSandbox.OpenAI;

/// <summary>The models the sandbox answers for; any other is OpenAI's 404 model_not_found.</summary>
internal static class OpenAIModels
{
    public static readonly string[] Transcription = ["whisper-1", "gpt-4o-transcribe", "gpt-4o-mini-transcribe"];

    private static readonly string[] ChatPrefixes = ["gpt-4o", "gpt-4.1", "gpt-5", "gpt-4-turbo", "gpt-3.5-turbo", "o1", "o3", "o4-mini", "chatgpt-4o"];

    public static bool IsChat(string model) => ChatPrefixes.Any(prefix => model.StartsWith(prefix, StringComparison.Ordinal)) && !IsTranscription(model);

    /// <summary>Dated snapshots (gpt-4o-transcribe-2025-03-20) count as their model.</summary>
    public static bool IsTranscription(string model) => Transcription.Any(name => model == name || model.StartsWith(name + "-20", StringComparison.Ordinal));

    /// <summary>Only whisper-1 gives segments (verbose_json) and subtitles; the gpt-4o transcribers give json or text.</summary>
    public static bool OnlyJsonOrText(string model) => !model.StartsWith("whisper", StringComparison.Ordinal);
}
