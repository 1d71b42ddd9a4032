using Microsoft.Extensions.Options;

namespace JobPlatform.ContentAnalysis;

/// <summary>Loads the models once, off the caller's thread; every caller awaits the same load.</summary>
internal sealed class ContentModelStore(IOptions<ContentAnalysisOptions> options)
{
    private readonly Lazy<Task<ContentModels>> _models = new(() => Task.Run(() => ContentModels.Load(options.Value)));

    public Task<ContentModels> GetAsync(CancellationToken cancellationToken) => _models.Value.WaitAsync(cancellationToken);
}
