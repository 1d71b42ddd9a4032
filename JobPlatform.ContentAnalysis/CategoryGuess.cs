namespace JobPlatform.ContentAnalysis;

/// <summary>One label of the documented category set (see the project's README) and a confidence from 0 to 1.</summary>
public sealed record CategoryGuess(string Label, double Confidence);
