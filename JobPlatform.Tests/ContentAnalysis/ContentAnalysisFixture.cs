using JobPlatform.ContentAnalysis;
using Microsoft.Extensions.Options;

namespace JobPlatform.Tests.ContentAnalysis;

/// <summary>
/// One local engine for every content analysis test, loaded from the data scripts/setup.sh installs: loading takes
/// seconds and hundreds of megabytes, so it happens once. Missing data fails loudly; nothing is skipped.
/// </summary>
public sealed class ContentAnalysisFixture : IDisposable
{
    private readonly LocalPostAnalyzer _analyzer;

    public ContentAnalysisFixture()
    {
        Options = new ContentAnalysisOptions();
        if (!Directory.Exists(Path.Combine(Options.DataDirectory, "node_modules")))
        {
            throw new InvalidOperationException(
                $"The content analysis data is not installed in {Options.DataDirectory}: run scripts/setup.sh first.");
        }

        var store = new ContentModelStore(Microsoft.Extensions.Options.Options.Create(Options));
        Models = store.GetAsync(CancellationToken.None).GetAwaiter().GetResult();
        _analyzer = new LocalPostAnalyzer(store, Microsoft.Extensions.Options.Options.Create(Options));
    }

    public ContentAnalysisOptions Options { get; }

    internal ContentModels Models { get; }

    public IPostAnalyzer Analyzer => _analyzer;

    internal LocalPostAnalyzer Local => _analyzer;

    internal ContentDataFiles Files => new(Options.DataDirectory);

    public void Dispose() => _analyzer.Dispose();
}

[CollectionDefinition(Name)]
public sealed class ContentAnalysisCollection : ICollectionFixture<ContentAnalysisFixture>
{
    public const string Name = "content analysis";
}
