namespace JobPlatform.ContentAnalysis.Sentiment;

/// <summary>
/// A rule-based scorer after VADER (Hutto and Gilbert, 2014): the valences of the words and emoji are summed after
/// the rules that people's ratings showed to matter (boosters, negation, emphasis, contrast, exclamation), then mapped
/// onto -1..1. Written from the paper's description; the constants are the paper's.
/// </summary>
internal sealed class VaderSentimentScorer(SentimentLexicon lexicon)
{
    public const string Positive = "positive";
    public const string Negative = "negative";
    public const string Neutral = "neutral";

    /// <summary>The usual VADER cut between neutral and polar compound scores.</summary>
    public const double LabelThreshold = 0.05;

    private const double CapsEmphasis = 0.733;
    private const double NegationScale = -0.74;
    private const double ExclamationStep = 0.292;
    private const int MaxExclamations = 4;
    private const double QuestionStep = 0.18;
    private const double ManyQuestionsEmphasis = 0.96;
    private const double BeforeButScale = 0.5;
    private const double AfterButScale = 1.5;
    // The normalization sum / sqrt(sum² + alpha): alpha approximates the largest sum expected in a short text.
    private const double NormalizationAlpha = 15;
    // A booster two or three words before the sentiment word counts a little less than one right before it.
    private static readonly double[] BoosterDecayByDistance = [1.0, 0.95, 0.9];

    public SentimentScore Score(string text)
    {
        var compound = Compound(text);
        var label = compound >= LabelThreshold ? Positive : compound <= -LabelThreshold ? Negative : Neutral;
        return new SentimentScore(label, Math.Round(compound, 4), Math.Round(Confidence(compound), 4));
    }

    public double Compound(string text)
    {
        var tokens = SentimentTokenizer.Tokenize(text, lexicon);
        // Emphasis by capitals counts only when the writer does not shout everything.
        var someShouted = tokens.Any(token => token.IsAllCaps);
        var capsAreEmphasis = someShouted && tokens.Any(token => !token.IsEmoji && !token.IsAllCaps);

        var valences = new double[tokens.Count];
        for (var index = 0; index < tokens.Count; index++)
        {
            valences[index] = ValenceInContext(tokens, index, capsAreEmphasis);
        }

        ApplyContrast(tokens, valences);
        var sum = valences.Sum();
        if (sum == 0)
        {
            return 0;
        }

        sum += Math.Sign(sum) * PunctuationEmphasis(text);
        return Math.Clamp(sum / Math.Sqrt(sum * sum + NormalizationAlpha), -1, 1);
    }

    private double ValenceInContext(List<SentimentToken> tokens, int index, bool capsAreEmphasis)
    {
        var token = tokens[index];
        if (token.IsEmoji)
        {
            return lexicon.Emoji[token.Lowercase];
        }

        // "kind of" is a hedge, not kindness; a booster is no sentiment of its own.
        var isHedgeKind = token.Lowercase == "kind" && index + 1 < tokens.Count && tokens[index + 1].Lowercase == "of";
        var valence = lexicon.ValenceOf(token.Lowercase);
        if (valence == 0 || isHedgeKind || SentimentModifiers.ScalarOf(token.Lowercase) != 0)
        {
            return 0;
        }

        var direction = Math.Sign(valence);
        if (capsAreEmphasis && token.IsAllCaps)
        {
            valence += direction * CapsEmphasis;
        }

        var negated = false;
        for (var distance = 1; distance <= BoosterDecayByDistance.Length && index - distance >= 0; distance++)
        {
            var before = tokens[index - distance];
            if (before.IsEmoji)
            {
                break;
            }

            var scalar = SentimentModifiers.ScalarOf(before.Lowercase);
            if (scalar != 0)
            {
                if (capsAreEmphasis && before.IsAllCaps)
                {
                    scalar += Math.Sign(scalar) * CapsEmphasis;
                }

                valence += direction * scalar * BoosterDecayByDistance[distance - 1];
            }

            negated |= lexicon.IsNegator(before.Lowercase);
        }

        return negated ? valence * NegationScale : valence;
    }

    // "The food was good but the service was awful": what follows "but" is what the writer means.
    private static void ApplyContrast(List<SentimentToken> tokens, double[] valences)
    {
        var but = tokens.FindIndex(token => token.Lowercase == "but");
        if (but < 0)
        {
            return;
        }

        for (var index = 0; index < valences.Length; index++)
        {
            valences[index] *= index < but ? BeforeButScale : index > but ? AfterButScale : 1;
        }
    }

    private static double PunctuationEmphasis(string text)
    {
        var exclamations = Math.Min(text.Count(c => c == '!'), MaxExclamations) * ExclamationStep;
        var questions = text.Count(c => c == '?');
        var questionEmphasis = questions <= 1 ? 0 : questions <= 3 ? questions * QuestionStep : ManyQuestionsEmphasis;
        return exclamations + questionEmphasis;
    }

    // How far the score is past the nearest label boundary, as a share of the room on that side: 0.5 on the boundary.
    private static double Confidence(double compound)
    {
        var magnitude = Math.Abs(compound);
        return magnitude >= LabelThreshold
            ? 0.5 + 0.5 * (magnitude - LabelThreshold) / (1 - LabelThreshold)
            : 0.5 + 0.5 * (LabelThreshold - magnitude) / LabelThreshold;
    }
}
