namespace JobPlatform.ProviderSandbox.OpenAI;

/// <summary>A segment of verbose_json (field names of the OpenAI SDK's TranscriptionSegment).</summary>
internal sealed record TranscriptSegment(int Id, int Seek, double Start, double End, string Text, IReadOnlyList<int> Tokens,
    double Temperature, double AvgLogprob, double CompressionRatio, double NoSpeechProb);
