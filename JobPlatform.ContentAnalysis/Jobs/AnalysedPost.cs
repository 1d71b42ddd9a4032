namespace JobPlatform.ContentAnalysis.Jobs;

/// <summary>One post of a <c>content_analysis</c> result (docs/requirements.md R-003-18), and the engine that analysed it.</summary>
public sealed record AnalysedPost(string Id, LanguageGuess Language, PostSentiment Sentiment, CategoryGuess Category, string Engine)
{
    public static AnalysedPost From(PostAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        return new(analysis.PostId, analysis.Language, new PostSentiment(analysis.Sentiment.Label, analysis.Sentiment.Score), analysis.Category, analysis.Engine);
    }
}
