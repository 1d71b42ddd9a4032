using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using JobPlatform.ProviderSandbox.Control;
using Microsoft.AspNetCore.Http.Features;

namespace JobPlatform.ProviderSandbox.Media;

/// <summary>
/// The S3-compatible store at the door: every request carries a SigV4 <c>Authorization</c> header whose access key is
/// the configured one and whose signature, recomputed with the configured secret key, matches. Refusals are S3's.
/// </summary>
internal sealed class S3Dialect(ProviderCredentials credentials, TimeProvider time) : ProviderDialect
{
    /// <summary>S3 refuses a request signed further than this from its clock.</summary>
    private static readonly TimeSpan MaxSkew = TimeSpan.FromMinutes(15);

    public override void AddResponseHeaders(HttpContext http, ProviderOperation operation)
    {
        http.Response.Headers["x-amz-request-id"] = S3Errors.NewRequestId();
        http.Response.Headers["x-amz-id-2"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
    }

    public override IResult? Authorize(HttpContext http, ProviderOperation operation)
    {
        var request = http.Request;
        var header = request.Headers.Authorization.ToString();
        if (header.Length == 0)
        {
            return S3Errors.Error(http, StatusCodes.Status403Forbidden, "AccessDenied",
                request.Query.ContainsKey("X-Amz-Signature") ? "The sandbox accepts signed headers only, not presigned URLs." : "Access Denied");
        }

        if (SigV4Authorization.Parse(header) is not { } authorization)
        {
            return S3Errors.Error(http, StatusCodes.Status400BadRequest, "AuthorizationHeaderMalformed", "The authorization header is malformed; it is not AWS4-HMAC-SHA256 with Credential, SignedHeaders and Signature.");
        }

        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(authorization.AccessKey), Encoding.UTF8.GetBytes(credentials.MediaAccessKey)))
        {
            return S3Errors.Error(http, StatusCodes.Status403Forbidden, "InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.", ("AWSAccessKeyId", authorization.AccessKey));
        }

        var amzDate = request.Headers["x-amz-date"].ToString();
        if (SigV4Authorization.ParseAmzDate(amzDate) is not { } signedAt || !amzDate.StartsWith(authorization.Date, StringComparison.Ordinal))
        {
            return S3Errors.Error(http, StatusCodes.Status403Forbidden, "AccessDenied", "AWS authentication requires a valid x-amz-date header matching the credential's date.");
        }

        if ((signedAt - time.GetUtcNow()).Duration() > MaxSkew)
        {
            return S3Errors.Error(http, StatusCodes.Status403Forbidden, "RequestTimeTooSkewed", "The difference between the request time and the current time is too large.");
        }

        var payloadHash = request.Headers["x-amz-content-sha256"].ToString();
        if (payloadHash.Length == 0)
        {
            return S3Errors.Error(http, StatusCodes.Status400BadRequest, "InvalidRequest", "Missing required header for this request: x-amz-content-sha256");
        }

        var rawTarget = http.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > 0 } target
            ? target
            : $"{request.PathBase.ToUriComponent()}{request.Path.ToUriComponent()}{request.QueryString.ToUriComponent()}";
        var canonicalRequest = authorization.CanonicalRequest(request, rawTarget, payloadHash);
        var stringToSign = authorization.StringToSign(amzDate, canonicalRequest);
        var signingKey = authorization.SigningKey(credentials.MediaSecretKey);
        if (!SigV4Authorization.SameSignature(SigV4Authorization.Sign(signingKey, stringToSign), authorization.Signature))
        {
            // S3 shows what it signed: the first thing to compare when a client's signature does not match.
            return S3Errors.Error(http, StatusCodes.Status403Forbidden, "SignatureDoesNotMatch",
                "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
                ("AWSAccessKeyId", authorization.AccessKey), ("StringToSign", stringToSign), ("SignatureProvided", authorization.Signature), ("CanonicalRequest", canonicalRequest));
        }

        http.Features.Set(new VerifiedSignature(authorization, amzDate, signingKey));
        return null;
    }

    public override IResult Failure(HttpContext http, ProviderOperation operation, Fault fault)
    {
        if (fault.RetryAfterSeconds is { } retryAfter)
        {
            http.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        }

        var status = fault.Status ?? StatusCodes.Status503ServiceUnavailable;
        var (code, message) = status switch
        {
            StatusCodes.Status503ServiceUnavailable or StatusCodes.Status429TooManyRequests => ("SlowDown", "Please reduce your request rate."),
            StatusCodes.Status403Forbidden => ("AccessDenied", "Access Denied"),
            StatusCodes.Status404NotFound => ("NoSuchKey", "The specified key does not exist."),
            >= 500 => ("InternalError", "We encountered an internal error. Please try again."),
            _ => ("InvalidRequest", "The request is not valid."),
        };
        return S3Errors.Error(http, status, fault.ErrorCode ?? code, message);
    }
}
