using System.Globalization;
using System.Text.RegularExpressions;

namespace JobPlatform.ProviderSandbox.Media;

/// <summary>
/// A file the sandbox's CDN serves, named by its path: <c>v/{category}/{stem}.{jpg|mp4}</c>. The stem carries all the
/// CDN needs to make the bytes again (a seed, and an image's size or a video's length), so any replica serves any
/// URL another replica handed out. Categories imitate Instagram's and Facebook's (t51.2885-19 profile pictures, ...).
/// </summary>
internal sealed partial record MediaAsset(string Category, string Stem, string Extension)
{
    public const string JpegExtension = "jpg";
    public const string VideoExtension = "mp4";

    public string Path => $"v/{Category}/{Stem}.{Extension}";

    public static MediaAsset Image(string category, ulong seed, int width, int height) =>
        new(category, string.Create(CultureInfo.InvariantCulture, $"{seed:x16}_{width}x{height}_n"), JpegExtension);

    public static MediaAsset Video(string category, ulong seed, double seconds) =>
        new(category, string.Create(CultureInfo.InvariantCulture, $"{seed:x16}_{(int)Math.Ceiling(seconds)}s_n"), VideoExtension);

    /// <summary>The asset a CDN path names, or null when the path is not one the sandbox hands out.</summary>
    public static MediaAsset? Parse(string path)
    {
        var match = AssetPath().Match(path);
        return match.Success ? new(match.Groups["category"].Value, match.Groups["stem"].Value, match.Groups["extension"].Value) : null;
    }

    /// <summary>An image's pixel size, from its stem.</summary>
    public (int Width, int Height)? ImageSize()
    {
        var match = ImageStem().Match(Stem);
        return match.Success && Extension == JpegExtension
            ? (int.Parse(match.Groups["width"].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups["height"].Value, CultureInfo.InvariantCulture))
            : null;
    }

    /// <summary>A video's length in seconds, from its stem.</summary>
    public int? VideoSeconds()
    {
        var match = VideoStem().Match(Stem);
        return match.Success && Extension == VideoExtension ? int.Parse(match.Groups["seconds"].Value, CultureInfo.InvariantCulture) : null;
    }

    [GeneratedRegex(@"^v/(?<category>[A-Za-z0-9.\-]+)/(?<stem>[A-Za-z0-9_]+)\.(?<extension>jpg|mp4)$")]
    private static partial Regex AssetPath();

    [GeneratedRegex(@"^[0-9a-f]{16}_(?<width>[1-9][0-9]{0,3})x(?<height>[1-9][0-9]{0,3})_n$")]
    private static partial Regex ImageStem();

    [GeneratedRegex(@"^[0-9a-f]{16}_(?<seconds>[1-9][0-9]{0,3})s_n$")]
    private static partial Regex VideoStem();
}
