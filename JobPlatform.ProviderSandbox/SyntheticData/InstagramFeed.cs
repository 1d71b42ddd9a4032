using System.Globalization;
using JobPlatform.ProviderSandbox.Media;

namespace JobPlatform.ProviderSandbox.SyntheticData;

/// <summary>
/// An account's posts, on a fixed timeline: post <c>k</c> is published at <c>Epoch + k × interval + jitter(k)</c>,
/// from <c>k = -postsBeforeEpoch</c> on. A post never changes (id, caption, time, counts are functions of the username
/// and <c>k</c>); the feed read at an instant shows the posts published by then, so new posts appear as time goes by,
/// as on a real account, while two reads at the same instant are identical.
/// </summary>
internal sealed class InstagramFeed(string username, int intervalSeconds, int postsBeforeEpoch, long followers, CaptionLanguage language)
{
    /// <summary>The fixed origin of every synthetic timeline.</summary>
    public static readonly DateTimeOffset Epoch = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private const string ShortCodeAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    public int OldestIndex => -postsBeforeEpoch;

    public DateTimeOffset Timestamp(int index) =>
        Epoch.AddSeconds((long)index * intervalSeconds + (long)(StableHash.Of("post-jitter", username, Key(index)) % (ulong)(intervalSeconds / 2)));

    /// <summary>The newest post published at <paramref name="asOf"/>.</summary>
    public int LatestIndex(DateTimeOffset asOf)
    {
        var index = (int)Math.Floor((asOf - Epoch).TotalSeconds / intervalSeconds);
        while (index >= OldestIndex && Timestamp(index) > asOf)
        {
            index--;
        }

        return index;
    }

    public int PostsCount(DateTimeOffset asOf) => LatestIndex(asOf) - OldestIndex + 1;

    /// <summary>Posts newest first, published at <paramref name="asOf"/> and after <paramref name="newerThan"/>.</summary>
    public IEnumerable<int> NewestFirst(DateTimeOffset asOf, DateTimeOffset? newerThan)
    {
        for (var index = LatestIndex(asOf); index >= OldestIndex; index--)
        {
            if (newerThan is { } threshold && Timestamp(index) <= threshold)
            {
                yield break;
            }

            yield return index;
        }
    }

    public InstagramPostType TypeOf(int index) => (StableHash.Of("post-type", username, Key(index)) % 20) switch
    {
        < 8 => InstagramPostType.Image,
        < 15 => InstagramPostType.Video,
        _ => InstagramPostType.Sidecar,
    };

    public InstagramPost Post(int index)
    {
        var key = Key(index);
        var random = DeterministicRandom.For("post", username, key);
        var type = TypeOf(index);
        var postLanguage = random.Chance(0.8) ? language : CaptionLibrary.English;
        var mention = random.Chance(0.3) ? SyntheticPeople.Username(random, SyntheticPeople.FullName(random, postLanguage, random.Chance(0.5))) : null;
        var caption = CaptionLibrary.Compose(random, postLanguage, mention);
        var engagement = random.NextDouble(0.005, 0.08);
        var likes = (long)Math.Max(1, followers * engagement);
        var comments = (long)(likes * random.NextDouble(0.005, 0.05));
        var seed = StableHash.Of("post-media", username, key);
        var (width, height) = type switch
        {
            InstagramPostType.Video => (640, 1136),
            InstagramPostType.Sidecar => (1080, 1080),
            _ => (1080, random.Chance(0.5) ? 1350 : 1080),
        };
        InstagramVideo? video = null;
        if (type == InstagramPostType.Video)
        {
            var seconds = Math.Round(random.NextDouble(6, 90), 2);
            var views = (long)(followers * random.NextDouble(0.1, 1.5));
            video = new InstagramVideo(MediaAsset.Video("o1", seed, seconds), seconds, views, (long)(views * random.NextDouble(1.5, 4)));
        }

        IReadOnlyList<MediaAsset> children = type == InstagramPostType.Sidecar
            ? [.. Enumerable.Range(0, random.Next(2, 6)).Select(child => MediaAsset.Image("t51.2885-15", StableHash.Of("post-child", username, key, child.ToString(CultureInfo.InvariantCulture)), 1080, 1080))]
            : [];
        return new InstagramPost(
            (3_000_000_000_000_000_000UL + StableHash.Of("post-id", username, key) % 999_999_999_999_999_999UL).ToString(CultureInfo.InvariantCulture),
            ShortCode(StableHash.Of("post-shortcode", username, key)),
            type,
            caption,
            Timestamp(index),
            // Some accounts hide like counts: the scrapers then give null.
            random.Chance(0.05) ? null : likes,
            comments,
            MediaAsset.Image("t51.2885-15", seed, width, height),
            width,
            height,
            video,
            children);
    }

    private static string Key(int index) => index.ToString(CultureInfo.InvariantCulture);

    private static string ShortCode(ulong seed)
    {
        var code = new char[11];
        for (var position = 0; position < code.Length; position++)
        {
            code[position] = ShortCodeAlphabet[(int)(seed % (ulong)ShortCodeAlphabet.Length)];
            seed = seed / (ulong)ShortCodeAlphabet.Length ^ (ulong)(position + 1) * 0x9E3779B97F4A7C15;
        }

        return new string(code);
    }
}
