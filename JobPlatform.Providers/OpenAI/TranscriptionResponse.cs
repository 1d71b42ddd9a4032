namespace JobPlatform.Providers.OpenAI;

/// <summary>A transcription in the <c>json</c> format, the one every transcription model supports.</summary>
internal sealed record TranscriptionResponse(string Text);
