namespace JobPlatform.ProviderSandbox.SyntheticData;

/// <summary>A caption with what it was made of: the hashtags and mentions in it, its language and its tone.</summary>
internal sealed record ComposedCaption(string Text, IReadOnlyList<string> Hashtags, IReadOnlyList<string> Mentions, CaptionLanguage Language, Tone Tone);
