using System.Globalization;
using JobPlatform.ProviderSandbox.Control;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JobPlatform.ProviderSandbox.Media;

/// <summary>
/// The CDN at the door: no credential, a signed URL. An <c>oe</c> in the past is 403 "URL signature expired", a URL
/// whose <c>oh</c> does not match is 403 "URL signature mismatch", as Instagram's and Facebook's CDNs answer.
/// </summary>
internal sealed class CdnDialect(TimeProvider time) : ProviderDialect
{
    public override IResult? Authorize(HttpContext http, ProviderOperation operation)
    {
        var path = (string?)http.Request.RouteValues["path"] ?? "";
        var expiry = http.Request.Query["oe"].ToString();
        if (!CdnSignature.TryReadExpiry(expiry, out var expiresAt))
        {
            return Refusal(StatusCodes.Status403Forbidden, "Bad URL timestamp");
        }

        if (expiresAt <= time.GetUtcNow())
        {
            return Refusal(StatusCodes.Status403Forbidden, "URL signature expired");
        }

        return CdnSignature.IsValid(path, expiry, http.Request.Query["oh"]) ? null : Refusal(StatusCodes.Status403Forbidden, "URL signature mismatch");
    }

    public override IResult Failure(HttpContext http, ProviderOperation operation, Fault fault)
    {
        if (fault.RetryAfterSeconds is { } retryAfter)
        {
            http.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        }

        var status = fault.Status ?? StatusCodes.Status503ServiceUnavailable;
        return Refusal(status, Phrase(status));
    }

    private static string Phrase(int status) =>
        Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase : "Error";

    private static ContentHttpResult Refusal(int status, string message) => TypedResults.Text(message, "text/plain", statusCode: status);
}
