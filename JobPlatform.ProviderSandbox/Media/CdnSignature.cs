using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace JobPlatform.ProviderSandbox.Media;

/// <summary>
/// The signature of the sandbox's CDN URLs, as Instagram's and Facebook's: <c>oe</c> is the expiry (hex Unix seconds),
/// <c>oh</c> an HMAC of the path and <c>oe</c>. The key is a constant: any replica must accept what another signed.
/// </summary>
internal static class CdnSignature
{
    /// <summary>How long a URL handed out stays valid: a few hours, as the real CDNs' shortest.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(6);

    private static readonly byte[] Key = SHA256.HashData("JobPlatform provider sandbox CDN"u8);

    public static string Expiry(DateTimeOffset expiresAt) => expiresAt.ToUnixTimeSeconds().ToString("X8", CultureInfo.InvariantCulture);

    public static string Sign(string path, string expiry) =>
        "00_" + Convert.ToBase64String(HMACSHA256.HashData(Key, Encoding.UTF8.GetBytes($"{path}|{expiry}")))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static bool TryReadExpiry(string? expiry, out DateTimeOffset expiresAt)
    {
        expiresAt = default;
        if (expiry is null || !long.TryParse(expiry, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var seconds)
            || seconds is < 0 or > 253402300799)
        {
            return false;
        }

        expiresAt = DateTimeOffset.FromUnixTimeSeconds(seconds);
        return true;
    }

    public static bool IsValid(string path, string expiry, string? signature) =>
        signature is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(Sign(path, expiry)), Encoding.UTF8.GetBytes(signature));
}
