namespace JobPlatform.ContentAnalysis.Category;

/// <summary>The label a word speaks for, and how strongly (its similarity to the label's centroid; 1 for a seed).</summary>
internal sealed record CategoryVote(string Label, float Weight);
