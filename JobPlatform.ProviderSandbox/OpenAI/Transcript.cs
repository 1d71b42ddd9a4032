namespace JobPlatform.ProviderSandbox.OpenAI;

/// <summary>A synthetic transcription: its language, its text, and the text's sentences placed over the audio's duration.</summary>
internal sealed record Transcript(SyntheticData.CaptionLanguage Language, string Text, double DurationSeconds, IReadOnlyList<TranscriptSegment> Segments);
