using System.Text.RegularExpressions;
using JobPlatform.ContentAnalysis.Text;

namespace JobPlatform.ContentAnalysis.Category;

/// <summary>
/// The label whose vocabulary the caption and hashtags use most, weighted by how close each word is to the label;
/// <c>other</c> when no label gathers enough evidence. English only: the embedding is English.
/// </summary>
internal sealed partial class CategoryClassifier(CategoryLexicon lexicon)
{
    /// <summary>The evidence a label needs: about one word close to its centroid, or one seed.</summary>
    public const double MinimumEvidence = 0.6;

    public CategoryGuess Classify(PostText post)
    {
        var evidence = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (Match word in Word().Matches(PostTextCleaner.WordsAndHashtags(post).ToLowerInvariant()))
        {
            if (lexicon.VoteOf(word.Value) is { } vote)
            {
                evidence[vote.Label] = evidence.GetValueOrDefault(vote.Label) + vote.Weight;
            }
        }

        var ranked = evidence.OrderByDescending(label => label.Value).Take(2).Select(label => label.Value).ToArray();
        var best = ranked.FirstOrDefault();
        if (best < MinimumEvidence)
        {
            return new CategoryGuess(CategorySeeds.Other, Math.Round(1 - 0.5 * best / MinimumEvidence, 4));
        }

        // The margin over the runner-up: 1 when one label has all the evidence, 0.5 when two tie.
        var runnerUp = ranked.Length > 1 ? ranked[1] : 0;
        var label = evidence.First(candidate => candidate.Value == best).Key;
        return new CategoryGuess(label, Math.Round(0.5 + 0.5 * (best - runnerUp) / best, 4));
    }

    [GeneratedRegex(@"\p{L}+")]
    private static partial Regex Word();
}
