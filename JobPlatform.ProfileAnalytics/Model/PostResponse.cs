using JobPlatform.ProfileAnalytics.Storage;

namespace JobPlatform.ProfileAnalytics.Model;

/// <summary>One stored post; <see cref="AiAnalysis"/> is null until an AI worker analysed it.</summary>
public sealed record PostResponse(
    string Id,
    string? ShortCode,
    string? Caption,
    IReadOnlyList<string> Hashtags,
    long? LikesCount,
    long? CommentsCount,
    long? ViewsCount,
    string? MediaUrl,
    DateTimeOffset? PostedAt,
    PostAiAnalysis? AiAnalysis)
{
    public static PostResponse From(StoredPost stored) => new(stored.Post.Id, stored.Post.ShortCode, stored.Post.Caption, stored.Post.Hashtags,
        stored.Post.LikesCount, stored.Post.CommentsCount, stored.Post.ViewsCount, stored.Post.MediaUrl, stored.Post.PostedAt,
        stored.Analysis is { } a
            ? new PostAiAnalysis(a.Language, a.LanguageConfidence, a.Sentiment, a.SentimentScore, a.Category, a.CategoryConfidence, a.Engine, a.AnalyzedAt)
            : null);
}
