namespace JobPlatform.ProviderSandbox.SyntheticData;

/// <summary>
/// One language of the caption library: its ISO 639-1 code, its English name as OpenAI's verbose transcripts spell it
/// ("spanish"), three sentences per tone, hashtags its speakers use, and names of people for accounts and followers.
/// </summary>
internal sealed record CaptionLanguage(
    string Code,
    string Name,
    IReadOnlyList<string> Positive,
    IReadOnlyList<string> Neutral,
    IReadOnlyList<string> Negative,
    IReadOnlyList<string> Hashtags,
    PersonNames Names)
{
    public IReadOnlyList<string> Sentences(Tone tone) => tone switch
    {
        Tone.Positive => Positive,
        Tone.Neutral => Neutral,
        _ => Negative,
    };
}
