namespace JobPlatform.ContentAnalysis;

/// <summary><c>positive</c>, <c>neutral</c> or <c>negative</c>; <paramref name="Score"/> from -1 to 1; a confidence from 0 to 1.</summary>
public sealed record SentimentScore(string Label, double Score, double Confidence);
