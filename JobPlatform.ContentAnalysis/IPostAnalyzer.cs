namespace JobPlatform.ContentAnalysis;

/// <summary>Analyses a batch of posts (the AI workers send 5 at a time, docs/requirements.md R-003-12); one result per post, in order.</summary>
public interface IPostAnalyzer
{
    Task<IReadOnlyList<PostAnalysis>> AnalyzeAsync(IReadOnlyList<PostText> posts, CancellationToken cancellationToken);
}
