namespace JobPlatform.ProfileAnalytics.Model;

/// <summary>The posts' content categories: the most frequent (null without posts) and the top three with their counts.</summary>
public sealed record CategorySummary(string? Primary, IReadOnlyList<CategoryShare> Top);
