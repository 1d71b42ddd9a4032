using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace JobPlatform.Tests.ProviderSandbox;

/// <summary>
/// A minimal AWS SigV4 signer for the tests' hand-made S3 requests, independent of the AWS SDK the media client uses
/// and written apart from the sandbox's verifier so that a mistake in one does not hide in the other. Signs host, x-amz-content-sha256
/// and x-amz-date, for a path made of URL-safe characters.
/// </summary>
public static class SigV4TestSigner
{
    public static void Sign(HttpRequestMessage request, string payloadHash, string accessKey, string secretKey, DateTimeOffset now)
    {
        var amzDate = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var date = amzDate[..8];
        var host = request.RequestUri!.Authority;
        request.Headers.Add("x-amz-date", amzDate);
        request.Headers.Add("x-amz-content-sha256", payloadHash);
        var canonical = $"{request.Method.Method}\n{request.RequestUri.AbsolutePath}\n\nhost:{host}\nx-amz-content-sha256:{payloadHash}\nx-amz-date:{amzDate}\n\nhost;x-amz-content-sha256;x-amz-date\n{payloadHash}";
        var scope = $"{date}/us-east-1/s3/aws4_request";
        var stringToSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))}";
        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + secretKey), date);
        foreach (var part in new[] { "us-east-1", "s3", "aws4_request" })
        {
            key = Hmac(key, part);
        }

        var signature = Hex(Hmac(key, stringToSign));
        request.Headers.TryAddWithoutValidation("Authorization",
            $"AWS4-HMAC-SHA256 Credential={accessKey}/{scope}, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature={signature}");
    }

    public static string PayloadHash(byte[] body) => Hex(SHA256.HashData(body));

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
