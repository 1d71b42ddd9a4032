namespace JobPlatform.ProfileAnalytics.Storage;

/// <summary>A stored post with its analysis, null until an AI worker analysed it.</summary>
public sealed record StoredPost(InstagramPostRow Post, PostAnalysisRow? Analysis);
