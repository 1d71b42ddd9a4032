using System.Globalization;
using JobPlatform.ProviderSandbox.Media;

namespace JobPlatform.ProviderSandbox.SyntheticData;

/// <summary>
/// An account's followers, in a stable order: follower <c>i</c> of an account is always the same person. Most share
/// the account's language; given names hint their gender; a few are shops with no person's name.
/// </summary>
internal static class InstagramFollowers
{
    private static readonly string[] ShopWords = ["Studio", "Atelier", "Corner", "Market", "Lab", "House"];

    public static long Count(InstagramAccount account, long maxCount) => Math.Min(account.FollowersCount, maxCount);

    public static InstagramFollower Follower(InstagramAccount account, long index)
    {
        var key = index.ToString(CultureInfo.InvariantCulture);
        var random = DeterministicRandom.For("follower", account.Username, key);
        var language = random.Chance(0.6) ? account.Language : random.Pick(CaptionLibrary.Languages);
        string fullName;
        string username;
        if (random.Chance(0.08))
        {
            var shop = $"{random.Pick(language.Names.Family)} {random.Pick(ShopWords)}";
            username = SyntheticPeople.Username(random, shop);
            // A shop, or a person who left the name empty: nothing to tell a gender from.
            fullName = random.Chance(0.5) ? shop : "";
        }
        else
        {
            fullName = SyntheticPeople.FullName(random, language, random.Chance(0.5));
            username = SyntheticPeople.Username(random, fullName);
        }

        // Two people of one list may be given the same name: the position, in base 36, keeps their usernames apart.
        var suffix = "." + ToBase36(index);
        return new InstagramFollower(
            username[..Math.Min(username.Length, 30 - suffix.Length)].TrimEnd('.') + suffix,
            fullName,
            random.NextInt64(1_000_000_000, 79_999_999_999).ToString(CultureInfo.InvariantCulture),
            random.Chance(0.3),
            random.Chance(0.01),
            MediaAsset.Image("t51.2885-19", StableHash.Of("follower-picture", account.Username, key), 150, 150));
    }

    private static string ToBase36(long value)
    {
        const string digits = "0123456789abcdefghijklmnopqrstuvwxyz";
        var text = "";
        do
        {
            text = digits[(int)(value % 36)] + text;
            value /= 36;
        }
        while (value > 0);

        return text;
    }
}
