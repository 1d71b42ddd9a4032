using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace JobPlatform.ProviderSandbox.Media;

/// <summary>
/// An AWS Signature Version 4 <c>Authorization</c> header, and the computation S3 does to check it (canonical request,
/// string to sign, signing key), for the header and for each chunk of a signed streaming upload.
/// </summary>
internal sealed partial record SigV4Authorization(string AccessKey, string Date, string Region, string Service, IReadOnlyList<string> SignedHeaders, string Signature)
{
    public const string Algorithm = "AWS4-HMAC-SHA256";

    /// <summary>The hex SHA-256 of nothing: what a chunk signature hashes in place of headers.</summary>
    private static readonly string EmptyHash = Convert.ToHexStringLower(SHA256.HashData([]));

    public string Scope => $"{Date}/{Region}/{Service}/aws4_request";

    public static SigV4Authorization? Parse(string header)
    {
        var match = HeaderPattern().Match(header);
        return match.Success
            ? new SigV4Authorization(
                match.Groups["key"].Value, match.Groups["date"].Value, match.Groups["region"].Value, match.Groups["service"].Value,
                match.Groups["headers"].Value.Split(';'), match.Groups["signature"].Value)
            : null;
    }

    public byte[] SigningKey(string secretKey)
    {
        var key = HMACSHA256.HashData(Encoding.UTF8.GetBytes("AWS4" + secretKey), Encoding.UTF8.GetBytes(Date));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(Region));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(Service));
        return HMACSHA256.HashData(key, "aws4_request"u8);
    }

    /// <summary>The canonical request of SigV4, from the request as the client sent it (its raw path and query).</summary>
    public string CanonicalRequest(HttpRequest request, string rawTarget, string payloadHash)
    {
        var queryStart = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var path = queryStart < 0 ? rawTarget : rawTarget[..queryStart];
        var query = queryStart < 0 ? "" : rawTarget[(queryStart + 1)..];
        var canonicalPath = string.Join('/', path.Split('/').Select(segment => Encode(Uri.UnescapeDataString(segment))));
        var canonicalQuery = string.Join('&', query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(pair => (Name: Encode(Uri.UnescapeDataString(pair[0])), Value: Encode(Uri.UnescapeDataString(pair.Length > 1 ? pair[1] : ""))))
            .OrderBy(pair => pair.Name, StringComparer.Ordinal).ThenBy(pair => pair.Value, StringComparer.Ordinal)
            .Select(pair => $"{pair.Name}={pair.Value}"));
        var canonicalHeaders = string.Concat(SignedHeaders.Select(name => $"{name}:{Whitespace().Replace(string.Join(',', request.Headers[name].Select(value => value?.Trim())), " ")}\n"));
        return $"{request.Method}\n{canonicalPath}\n{canonicalQuery}\n{canonicalHeaders}\n{string.Join(';', SignedHeaders)}\n{payloadHash}";
    }

    public string StringToSign(string amzDate, string canonicalRequest) =>
        $"{Algorithm}\n{amzDate}\n{Scope}\n{Hex(Encoding.UTF8.GetBytes(canonicalRequest))}";

    /// <summary>The signature a chunk of a STREAMING-AWS4-HMAC-SHA256-PAYLOAD body must carry, chained from the previous one.</summary>
    public string ChunkSignature(byte[] signingKey, string amzDate, string previousSignature, ReadOnlySpan<byte> chunk) =>
        Sign(signingKey, $"{Algorithm}-PAYLOAD\n{amzDate}\n{Scope}\n{previousSignature}\n{EmptyHash}\n{Hex(chunk)}");

    /// <summary>The signature of a streaming body's trailing headers (each <c>name:value\n</c>).</summary>
    public string TrailerSignature(byte[] signingKey, string amzDate, string previousSignature, string canonicalTrailers) =>
        Sign(signingKey, $"{Algorithm}-TRAILER\n{amzDate}\n{Scope}\n{previousSignature}\n{Hex(Encoding.UTF8.GetBytes(canonicalTrailers))}");

    public static string Sign(byte[] signingKey, string stringToSign) => Convert.ToHexStringLower(HMACSHA256.HashData(signingKey, Encoding.UTF8.GetBytes(stringToSign)));

    public static bool SameSignature(string expected, string actual) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(actual));

    public static DateTimeOffset? ParseAmzDate(string? value) =>
        DateTimeOffset.TryParseExact(value, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant) ? instant : null;

    private static string Hex(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>SigV4's URI encoding: every byte but A-Z, a-z, 0-9, '-', '.', '_', '~' as %XX, in upper case.</summary>
    private static string Encode(string value)
    {
        var encoded = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            if (char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'.' or (byte)'_' or (byte)'~')
            {
                encoded.Append((char)b);
            }
            else
            {
                encoded.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return encoded.ToString();
    }

    [GeneratedRegex(@"^AWS4-HMAC-SHA256\s+Credential=(?<key>[^/,\s]+)/(?<date>\d{8})/(?<region>[^/,\s]+)/(?<service>[^/,\s]+)/aws4_request\s*,\s*SignedHeaders=(?<headers>[a-z0-9\-;]+)\s*,\s*Signature=(?<signature>[0-9a-f]{64})\s*$")]
    private static partial Regex HeaderPattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
