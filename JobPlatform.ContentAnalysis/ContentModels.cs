using JobPlatform.ContentAnalysis.Category;
using JobPlatform.ContentAnalysis.Language;
using JobPlatform.ContentAnalysis.Sentiment;

namespace JobPlatform.ContentAnalysis;

/// <summary>The three engines, loaded together once: the analyzer and the warm-up share this single instance.</summary>
internal sealed record ContentModels(PostLanguageDetector Language, VaderSentimentScorer Sentiment, CategoryClassifier Category)
{
    public static ContentModels Load(ContentAnalysisOptions options)
    {
        var files = new ContentDataFiles(options.DataDirectory);
        var sentiment = new VaderSentimentScorer(SentimentLexicon.Load(files));
        // The vectors are needed only to build the category vocabulary; they are garbage once it is built.
        var category = new CategoryClassifier(CategoryLexicon.Build(WordVectors.Load(files.WordVectors, options.VocabularySize), CategorySeeds.ByLabel));
        return new ContentModels(new PostLanguageDetector(), sentiment, category);
    }
}
