namespace JobPlatform.ContentAnalysis.Category;

/// <summary>
/// The label set (the README says why these) and a handful of typed seed words per label. The seeds only aim each
/// label: its vocabulary is every embedding word close to the seeds' centroid (see <see cref="CategoryLexicon"/>).
/// </summary>
internal static class CategorySeeds
{
    public const string Other = "other";

    public static IReadOnlyDictionary<string, string[]> ByLabel { get; } = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["fashion"] = ["fashion", "outfit", "dress", "clothing", "shoes", "wardrobe", "designer", "streetwear", "jeans", "jacket"],
        ["beauty"] = ["makeup", "skincare", "lipstick", "cosmetics", "beauty", "hairstyle", "nails", "mascara", "moisturizer", "salon"],
        ["food"] = ["food", "recipe", "delicious", "dinner", "restaurant", "cooking", "pizza", "dessert", "breakfast", "chef"],
        ["travel"] = ["travel", "vacation", "beach", "trip", "tourism", "hotel", "island", "sightseeing", "backpacking", "destination"],
        ["fitness"] = ["workout", "gym", "fitness", "exercise", "yoga", "cardio", "muscles", "squats", "weightlifting", "pilates"],
        ["sports"] = ["football", "basketball", "soccer", "match", "tournament", "championship", "tennis", "league", "stadium", "athletes"],
        ["tech"] = ["technology", "smartphone", "software", "computer", "coding", "gadget", "laptop", "programming", "app", "devices"],
        ["music"] = ["music", "song", "concert", "album", "guitar", "singer", "band", "playlist", "dj", "lyrics"],
        ["family"] = ["family", "kids", "baby", "mom", "daughter", "son", "parenting", "children", "toddler", "grandma"],
        ["business"] = ["business", "entrepreneur", "startup", "marketing", "sales", "company", "investment", "clients", "finance", "branding"],
        ["pets"] = ["dog", "cat", "puppy", "kitten", "pet", "pets", "paws", "veterinarian", "doggy", "breed"],
    };
}
