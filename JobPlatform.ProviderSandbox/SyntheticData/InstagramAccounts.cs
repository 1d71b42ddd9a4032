using System.Globalization;
using System.Text.RegularExpressions;
using JobPlatform.ProviderSandbox.Media;

namespace JobPlatform.ProviderSandbox.SyntheticData;

/// <summary>
/// Which usernames exist and what their accounts are. A username that breaks Instagram's rules (1 to 30 of a-z, 0-9,
/// '.', '_'; no leading, trailing or doubled '.') or starts with <c>missing_</c> does not exist; one that starts with
/// <c>private_</c> is a private account. Every other username exists, and is always the same account.
/// </summary>
internal static partial class InstagramAccounts
{
    public const string MissingPrefix = "missing_";
    public const string PrivatePrefix = "private_";

    private static readonly string[] BusinessCategories =
        ["Personal blog", "Artist", "Restaurant", "Clothing (Brand)", "Health/beauty", "Travel company", "Product/service", "Musician/band", "Photographer", "Education"];

    /// <summary>
    /// The username an actor input names: a bare username, "@name", or a profile URL (the actors take all three),
    /// lowercased as Instagram does.
    /// </summary>
    public static string Normalize(string input)
    {
        var trimmed = input.Trim().TrimStart('@');
        var marker = trimmed.IndexOf("instagram.com/", StringComparison.OrdinalIgnoreCase);
        if (marker >= 0)
        {
            trimmed = trimmed[(marker + "instagram.com/".Length)..].Split('/', '?')[0];
        }

        return trimmed.ToLowerInvariant();
    }

    public static bool Exists(string username) =>
        ValidUsername().IsMatch(username) && !username.Contains("..", StringComparison.Ordinal) && !username.StartsWith(MissingPrefix, StringComparison.Ordinal);

    public static InstagramAccount? Find(string username) => Exists(username) ? Create(username) : null;

    private static InstagramAccount Create(string username)
    {
        var random = DeterministicRandom.For("instagram-account", username);
        var language = random.Pick(CaptionLibrary.Languages);
        var female = random.Chance(0.55);
        var followers = random.NextLogUniform(40, 80_000_000);
        var business = random.Chance(0.4);
        var seed = StableHash.Of("profile-picture", username);
        var biographyTone = random.Chance(0.7) ? Tone.Positive : Tone.Neutral;
        return new InstagramAccount(
            username,
            random.NextInt64(100_000_000, 80_000_000_000).ToString(CultureInfo.InvariantCulture),
            SyntheticPeople.FullName(random, language, female),
            $"{CaptionLibrary.Sentences(random, language, biographyTone, 1)} ✨",
            language,
            followers,
            random.Next(50, 2500),
            followers > 500_000 && random.Chance(0.6),
            username.StartsWith(PrivatePrefix, StringComparison.Ordinal),
            business,
            business ? random.Pick(BusinessCategories) : null,
            business ? $"https://{username.Replace('.', '-').Replace('_', '-')}.example.com/" : null,
            random.Next(0, 21),
            random.Next(0, 31),
            MediaAsset.Image("t51.2885-19", seed, 150, 150),
            MediaAsset.Image("t51.2885-19", seed, 320, 320),
            new InstagramFeed(username, random.Next(10 * 3600, 96 * 3600), random.Next(5, 1500), followers, language));
    }

    [GeneratedRegex("^[a-z0-9._]{1,30}$")]
    private static partial Regex ValidUsername();
}
