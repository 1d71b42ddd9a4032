using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using JobPlatform.ProviderSandbox.Control;

namespace JobPlatform.ProviderSandbox.Apify;

/// <summary>
/// Apify at the door: the token as <c>Authorization: Bearer</c> or <c>?token=</c>, 401s with Apify's error types, and
/// <c>X-RateLimit-Limit</c> on every answer (200 on Run Actor, 30 elsewhere, per its documentation).
/// </summary>
internal sealed class ApifyDialect(ProviderCredentials credentials) : ProviderDialect
{
    public override void AddResponseHeaders(HttpContext http, ProviderOperation operation) =>
        http.Response.Headers["X-RateLimit-Limit"] = operation.Name == "runs" ? "200" : "30";

    public override IResult? Authorize(HttpContext http, ProviderOperation operation)
    {
        var token = Token(http.Request);
        if (token is null)
        {
            return operation.CredentialOptional
                ? null
                : ApifyErrors.Error(StatusCodes.Status401Unauthorized, "token-not-provided", "Authentication token was not provided");
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(credentials.ApifyToken))
            ? null
            : ApifyErrors.Error(StatusCodes.Status401Unauthorized, "token-not-valid", "Authentication token is not valid.");
    }

    public override IResult Failure(HttpContext http, ProviderOperation operation, Fault fault)
    {
        var status = fault.Status ?? StatusCodes.Status500InternalServerError;
        // Apify never sends Retry-After; a fault that names one adds it, to test a client that honours it when present.
        if (fault.RetryAfterSeconds is { } retryAfter)
        {
            http.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        }

        var (type, message) = status switch
        {
            StatusCodes.Status429TooManyRequests => ("rate-limit-exceeded", $"You have exceeded the rate limit of {http.Response.Headers["X-RateLimit-Limit"]} requests per second"),
            StatusCodes.Status404NotFound => operation.Name == "dataset" ? ("record-not-found", "Dataset was not found") : ("record-not-found", "Actor run was not found"),
            StatusCodes.Status401Unauthorized => ("token-not-valid", "Authentication token is not valid."),
            StatusCodes.Status402PaymentRequired => ("actor-memory-limit-exceeded", "You have exceeded your usage limit. Please consider upgrading your plan."),
            StatusCodes.Status403Forbidden => ("insufficient-permissions", "You do not have permission to perform this action."),
            StatusCodes.Status408RequestTimeout => ("run-timeout-exceeded", "Actor run exceeded timeout of 300 seconds for this API endpoint"),
            >= 500 => ("internal-server-error", "Internal server error"),
            _ => ("invalid-request", "The request is not valid."),
        };
        return ApifyErrors.Error(status, fault.ErrorCode ?? type, message);
    }

    public static string? Token(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return authorization["Bearer ".Length..].Trim();
        }

        return request.Query["token"] is { Count: > 0 } token ? token.ToString() : null;
    }
}
