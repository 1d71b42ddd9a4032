namespace JobPlatform.ContentAnalysis.Jobs;

/// <summary><c>positive</c>, <c>neutral</c> or <c>negative</c>, and the score from -1 to 1.</summary>
public sealed record PostSentiment(string Label, double Score);
