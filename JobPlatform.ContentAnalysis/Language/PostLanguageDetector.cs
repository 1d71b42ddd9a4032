using JobPlatform.ContentAnalysis.Text;
using Lingua;
using static Lingua.Language;

namespace JobPlatform.ContentAnalysis.Language;

/// <summary>
/// Lingua, restricted to the languages Instagram creators write in most: fewer candidates means less memory (only
/// these models load) and fewer confusions on short captions (docs/requirements.md R-003-12 asks for 20+ languages).
/// </summary>
internal sealed class PostLanguageDetector
{
    public const string Undetermined = "und";

    /// <summary>
    /// The detector's languages. JobPlatform.ContentAnalysis.csproj copies exactly these models (by ISO 639-1 code)
    /// to the output: keep the two lists together.
    /// </summary>
    public static IReadOnlyList<Lingua.Language> Languages { get; } =
    [
        English, Spanish, Portuguese, French, German, Italian, Dutch, Swedish, Romanian, Polish, Turkish,
        Russian, Ukrainian, Greek, Hebrew, Arabic, Persian, Urdu, Hindi, Bengali,
        Indonesian, Malay, Tagalog, Vietnamese, Thai, Japanese, Korean, Chinese,
    ];

    // Preloaded: the first post of each language would otherwise pay for decompressing its models.
    private readonly LanguageDetector _detector = LanguageDetectorBuilder.FromLanguages([.. Languages]).WithPreloadedLanguageModels().Build();

    public LanguageGuess Detect(string? caption)
    {
        var prose = PostTextCleaner.ProseOnly(caption);
        if (!PostTextCleaner.HasLetters(prose))
        {
            return new LanguageGuess(Undetermined, 0);
        }

        var best = _detector.ComputeLanguageConfidenceValues(prose).MaxBy(candidate => candidate.Value);
        return best.Value > 0
            ? new LanguageGuess(LanguageInfo.IsoCode6391(best.Key).ToString().ToLowerInvariant(), best.Value)
            : new LanguageGuess(Undetermined, 0);
    }
}
