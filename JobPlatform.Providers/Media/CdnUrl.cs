using System.Globalization;
using System.Web;

namespace JobPlatform.Providers.Media;

/// <summary>Instagram's and Facebook's CDN URLs are signed and expire: <c>oe=</c> holds the expiry, a hex Unix time.</summary>
internal static class CdnUrl
{
    // An `oe` beyond what a date can hold is no expiry the URL could reach: it reads as none.
    public static DateTimeOffset? ExpiresAt(Uri url) =>
        HttpUtility.ParseQueryString(url.Query)["oe"] is { } hex && long.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var seconds)
            && seconds >= DateTimeOffset.MinValue.ToUnixTimeSeconds() && seconds <= DateTimeOffset.MaxValue.ToUnixTimeSeconds()
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
}
