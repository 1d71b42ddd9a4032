namespace JobPlatform.ContentAnalysis;

/// <summary>An ISO 639-1 code (<c>und</c> when the text has no detectable language) and a confidence from 0 to 1.</summary>
public sealed record LanguageGuess(string Code, double Confidence);
