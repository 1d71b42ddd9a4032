namespace JobPlatform.ContentAnalysis;

/// <summary>Options of the content analysis, bound from the configuration section <c>ContentAnalysis</c>.</summary>
public sealed class ContentAnalysisOptions
{
    public const string SectionName = "ContentAnalysis";

    public const string LocalEngine = "local";

    public const string LlmEngine = "llm";

    /// <summary>
    /// <c>local</c> (the default) or <c>llm</c>: the service's OpenAI provider as an <c>IChatClient</c> (its base URL, key
    /// and <c>ChatModel</c>), behind the AI breaker, the local engine answering whenever it fails (docs/requirements.md R-003-12).
    /// </summary>
    public string Engine { get; set; } = LocalEngine;

    public AiBreakerOptions Breaker { get; set; } = new();

    /// <summary>
    /// The working set, in MiB, past which the service stops and exits so that it is started afresh (0: no limit).
    /// Running jobs are released and run again; none is lost.
    /// </summary>
    public int MemoryLimitMb { get; set; }

    /// <summary>How often the working set is compared with <see cref="MemoryLimitMb"/>.</summary>
    public TimeSpan MemoryCheckInterval { get; set; } = TimeSpan.FromSeconds(5);

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
