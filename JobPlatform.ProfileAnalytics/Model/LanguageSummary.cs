namespace JobPlatform.ProfileAnalytics.Model;

/// <summary>The posts' languages: the most frequent detectable one (ISO 639-1; null when none is), and the count per code.</summary>
public sealed record LanguageSummary(string? Primary, IReadOnlyDictionary<string, int> Distribution);
