namespace JobPlatform.ContentAnalysis.Category;

/// <summary>
/// Each label's vocabulary: the words of the embedding whose vector is close to the label's centroid (the mean of its
/// seeds) and clearly closer to it than to any other label's, weighted by that closeness. Built once at start; only
/// the chosen words and weights stay in memory, not the vectors.
/// </summary>
internal sealed class CategoryLexicon(IReadOnlyDictionary<string, CategoryVote> votes)
{
    /// <summary>How close to a centroid a word must be to speak for the label (cosine of unit vectors).</summary>
    public const float MinimumSimilarity = 0.5f;

    /// <summary>How much closer to its label than to the next a word must be: "ball" is not evidence for either sport or pets.</summary>
    public const float MinimumLead = 0.05f;

    /// <summary>
    /// The most frequent words (articles, pronouns, "said", "new") sit near every centroid: the first ranks of the
    /// embedding, which is ordered by frequency, never vote.
    /// </summary>
    public const int CommonWordRanks = 500;

    public int Count => votes.Count;

    public CategoryVote? VoteOf(string lowercaseWord) => votes.TryGetValue(lowercaseWord, out var vote) ? vote : null;

    public static CategoryLexicon Build(WordVectors vectors, IReadOnlyDictionary<string, string[]> seeds)
    {
        var centroids = seeds.ToDictionary(
            label => label.Key,
            label => WordVectors.Normalize(Mean([.. label.Value.Select(seed => vectors[seed]).OfType<float[]>()])));

        var votes = new Dictionary<string, CategoryVote>(StringComparer.Ordinal);
        foreach (var (word, vector) in vectors.All.Skip(CommonWordRanks))
        {
            var ranked = centroids.Select(centroid => (Label: centroid.Key, Similarity: WordVectors.Cosine(vector, centroid.Value)))
                .OrderByDescending(candidate => candidate.Similarity).Take(2).ToArray();
            if (ranked[0].Similarity >= MinimumSimilarity && ranked[0].Similarity - ranked[1].Similarity >= MinimumLead)
            {
                votes[word] = new CategoryVote(ranked[0].Label, ranked[0].Similarity);
            }
        }

        // A seed is its label's word by definition, whatever its neighbours say.
        foreach (var (label, words) in seeds)
        {
            foreach (var seed in words)
            {
                votes[seed] = new CategoryVote(label, 1);
            }
        }

        return new CategoryLexicon(votes);
    }

    private static float[] Mean(float[][] vectors)
    {
        if (vectors.Length == 0)
        {
            throw new InvalidDataException("No seed word of a category is in the embedding's vocabulary.");
        }

        var mean = new float[vectors[0].Length];
        foreach (var vector in vectors)
        {
            for (var i = 0; i < mean.Length; i++)
            {
                mean[i] += vector[i] / vectors.Length;
            }
        }

        return mean;
    }
}
