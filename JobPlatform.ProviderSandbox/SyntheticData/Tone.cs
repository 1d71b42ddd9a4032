namespace JobPlatform.ProviderSandbox.SyntheticData;

/// <summary>The mood of a caption's sentences: what a sentiment analysis of the text should find.</summary>
internal enum Tone
{
    Positive,
    Neutral,
    Negative,
}
