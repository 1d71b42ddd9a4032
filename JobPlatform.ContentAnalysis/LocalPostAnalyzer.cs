using JobPlatform.ContentAnalysis.Text;
using Microsoft.Extensions.Options;

namespace JobPlatform.ContentAnalysis;

/// <summary>
/// The <c>local</c> engine: Lingua for the language, a VADER-style scorer for the sentiment, word vectors for the
/// category. The work is CPU-bound: it runs on the thread pool behind a limiter sized to the cores, so a burst of
/// batches queues here instead of starving the request and messaging threads.
/// </summary>
internal sealed class LocalPostAnalyzer(ContentModelStore models, IOptions<ContentAnalysisOptions> options) : IPostAnalyzer, IDisposable
{
    public const string EngineName = "local";

    private readonly SemaphoreSlim _slots = new(Math.Max(1, options.Value.MaxConcurrency));

    public async Task<IReadOnlyList<PostAnalysis>> AnalyzeAsync(IReadOnlyList<PostText> posts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(posts);
        var loaded = await models.GetAsync(cancellationToken);
        // WhenAll keeps the input order, whatever order the posts finish in.
        return await Task.WhenAll(posts.Select(post => AnalyzeOneAsync(loaded, post, cancellationToken)));
    }

    public void Dispose() => _slots.Dispose();

    private async Task<PostAnalysis> AnalyzeOneAsync(ContentModels loaded, PostText post, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        try
        {
            return await Task.Run(() => Analyze(loaded, post), cancellationToken);
        }
        finally
        {
            _slots.Release();
        }
    }

    private static PostAnalysis Analyze(ContentModels loaded, PostText post) => new(
        post.PostId,
        loaded.Language.Detect(post.Caption),
        loaded.Sentiment.Score(PostTextCleaner.WordsAndHashtags(post)),
        loaded.Category.Classify(post),
        EngineName);
}
