namespace JobPlatform.ProfileAnalytics.Storage;

/// <summary>A username Apify reported as not existing, and when it did.</summary>
public sealed record UnknownProfileRow(string Username, DateTimeOffset CheckedAt);
