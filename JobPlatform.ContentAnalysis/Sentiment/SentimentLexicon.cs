using System.Globalization;
using System.Text.Json;

namespace JobPlatform.ContentAnalysis.Sentiment;

/// <summary>
/// Valences on VADER's scale (-4 to 4): its lexicon of ~7,500 words, emoticons and slang, and the emoji of the
/// Emoji Sentiment Ranking as the <c>sentiment</c> package scores them (-5 to 5, rescaled); negation words from that
/// package plus the few it lacks.
/// </summary>
internal sealed class SentimentLexicon(
    IReadOnlyDictionary<string, double> words, IReadOnlyDictionary<string, double> emoji, IReadOnlySet<string> negators)
{
    // AFINN's -5..5 onto VADER's -4..4, so a heart weighs about what "love" does.
    private const double EmojiToVaderScale = 0.8;

    // The sentiment package lists only contractions and "not"; these are the other common negations.
    private static readonly string[] MoreNegators =
        ["no", "never", "nothing", "nobody", "none", "nowhere", "neither", "nor", "without", "cannot", "hardly", "barely", "rarely", "seldom"];

    public IReadOnlyDictionary<string, double> Emoji => emoji;

    public double ValenceOf(string lowercaseWord) => words.GetValueOrDefault(lowercaseWord);

    public bool Contains(string lowercaseWord) => words.ContainsKey(lowercaseWord);

    public bool IsNegator(string lowercaseWord) => negators.Contains(lowercaseWord) || lowercaseWord.EndsWith("n't", StringComparison.Ordinal);

    public static SentimentLexicon Load(ContentDataFiles files)
    {
        var words = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(files.VaderLexicon))
        {
            // token <TAB> mean valence <TAB> standard deviation <TAB> the ten raters' scores
            var fields = line.Split('\t');
            if (fields.Length >= 2 && double.TryParse(fields[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var valence))
            {
                words.TryAdd(fields[0], valence);
            }
        }

        var emoji = ReadScores(files.EmojiSentiment).ToDictionary(entry => entry.Key, entry => entry.Value * EmojiToVaderScale, StringComparer.Ordinal);
        var negators = ReadScores(files.Negators).Keys.Concat(MoreNegators).ToHashSet(StringComparer.Ordinal);
        return new SentimentLexicon(words, emoji, negators);
    }

    private static Dictionary<string, double> ReadScores(string jsonPath) =>
        JsonSerializer.Deserialize<Dictionary<string, double>>(File.ReadAllText(jsonPath))
        ?? throw new InvalidDataException($"{jsonPath} holds no JSON object.");
}
