namespace JobPlatform.Providers.OpenAI;

/// <summary>
/// Section <c>Providers:OpenAI</c>: the API (<c>https://api.openai.com/v1</c>), its key and models. Its breaker is
/// stricter than the others' (4 failures, 2 minutes): its calls are long and costly.
/// </summary>
public sealed class OpenAIOptions : ProviderOptions
{
    public OpenAIOptions()
    {
        // A chat completion with structured output; transcriptions have their own timeout below.
        RequestTimeout = TimeSpan.FromSeconds(60);
        Resilience = new() { FailureThreshold = 4, BreakDuration = TimeSpan.FromMinutes(2) };
    }

    /// <summary>Sent as <c>Authorization: Bearer</c>.</summary>
    public string? ApiKey { get; set; }

    /// <summary><c>whisper-1</c>, <c>gpt-4o-transcribe</c> or <c>gpt-4o-mini-transcribe</c>.</summary>
    public string TranscriptionModel { get; set; } = "whisper-1";

    /// <summary>A model with Structured Outputs (json_schema): gpt-4o-mini-2024-07-18, gpt-4o-2024-08-06 or later.</summary>
    public string ChatModel { get; set; } = "gpt-4o-mini";

    /// <summary>One attempt of a transcription: minutes of audio take a while.</summary>
    public TimeSpan TranscriptionTimeout { get; set; } = TimeSpan.FromSeconds(120);

    internal override IReadOnlyList<string> Secrets => [ApiKey ?? ""];

    private protected override IEnumerable<string> FindOwnProblems(string section)
    {
        foreach (var problem in Missing(ApiKey, $"{section}:ApiKey", "the OpenAI API key"))
        {
            yield return problem;
        }

        if (string.IsNullOrWhiteSpace(TranscriptionModel) || string.IsNullOrWhiteSpace(ChatModel))
        {
            yield return $"{section}:TranscriptionModel and {section}:ChatModel must name models.";
        }

        if (TranscriptionTimeout <= TimeSpan.Zero)
        {
            yield return $"{section}:TranscriptionTimeout must be positive.";
        }
    }
}
