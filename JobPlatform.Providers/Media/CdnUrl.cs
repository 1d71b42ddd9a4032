using System.Globalization;
using System.Web;

namespace JobPlatform.Providers.Media;

/// <summary>Instagram's and Facebook's CDN URLs are signed and expire: <c>oe=</c> holds the expiry, a hex Unix time.</summary>
internal static class CdnUrl
{
    public static DateTimeOffset? ExpiresAt(Uri url) =>
        HttpUtility.ParseQueryString(url.Query)["oe"] is { } hex && long.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
}
