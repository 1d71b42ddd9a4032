namespace JobPlatform.ContentAnalysis;

/// <summary>What an analysis reads of a post: its caption and hashtags (without the <c>#</c>).</summary>
public sealed record PostText(string PostId, string? Caption, IReadOnlyList<string> Hashtags);
