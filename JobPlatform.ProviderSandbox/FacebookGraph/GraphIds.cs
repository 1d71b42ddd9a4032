using System.Globalization;
using JobPlatform.ProviderSandbox.SyntheticData;

namespace JobPlatform.ProviderSandbox.FacebookGraph;

/// <summary>
/// The sandbox's Graph ids. An ad account number is any positive number (a token's own accounts are derived from
/// it); the id of an ad, creative or video is <c>{kind}{index:000}{account}</c>, so any replica can tell from an id
/// alone which account's which ad it names, and make it again.
/// </summary>
internal static class GraphIds
{
    public const string AdKind = "12";
    public const string CreativeKind = "13";
    public const string VideoKind = "14";

    /// <summary>The ad accounts a token sees: two to four, always the same ones for the same token.</summary>
    public static IReadOnlyList<long> AccountsOf(string token)
    {
        var random = DeterministicRandom.For("ad-accounts", token);
        return [.. Enumerable.Range(0, random.Next(2, 5)).Select(_ => random.NextInt64(100_000_000_000_000, 999_999_999_999_999))];
    }

    public static string Node(string kind, long account, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{kind}{index:000}{account}");

    public static bool TryParseNode(string id, string kind, out long account, out int index)
    {
        account = 0;
        index = 0;
        return id.Length > 6 && id.StartsWith(kind, StringComparison.Ordinal) && id.All(char.IsAsciiDigit) && id[5] != '0'
            && int.TryParse(id.AsSpan(2, 3), NumberStyles.None, CultureInfo.InvariantCulture, out index)
            && long.TryParse(id.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out account);
    }

    public static bool TryParseAccount(string number, out long account) =>
        long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out account) && account > 0 && number[0] != '0';
}
