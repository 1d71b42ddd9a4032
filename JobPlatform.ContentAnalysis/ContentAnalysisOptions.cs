namespace JobPlatform.ContentAnalysis;

/// <summary>Options of the local engine, bound from the configuration section <c>ContentAnalysis</c>.</summary>
public sealed class ContentAnalysisOptions
{
    public const string SectionName = "ContentAnalysis";

    /// <summary>
    /// The folder that holds <c>node_modules</c> with the npm packages the engine reads (VADER's lexicon, the emoji
    /// sentiment table, the word vectors). scripts/setup.sh installs them into this default.
    /// </summary>
    public string DataDirectory { get; set; } = DefaultDataDirectory;

    /// <summary>How many posts are analysed at once; the work is CPU-bound, so more than the cores only queues.</summary>
    public int MaxConcurrency { get; set; } = Environment.ProcessorCount;

    /// <summary>
    /// How many of the most frequent words of the embedding keep their vectors: the rest are rare words, names and
    /// typos that cost memory (100 floats each) and rarely decide a category.
    /// </summary>
    public int VocabularySize { get; set; } = 100_000;

    /// <summary><c>$XDG_DATA_HOME/jobplatform/content-analysis</c>, i.e. <c>~/.local/share/jobplatform/content-analysis</c>.</summary>
    public static string DefaultDataDirectory { get; } =
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify),
            "jobplatform", "content-analysis");
}
