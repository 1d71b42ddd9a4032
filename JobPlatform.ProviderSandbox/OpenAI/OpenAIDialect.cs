using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using JobPlatform.ProviderSandbox.Control;

namespace JobPlatform.ProviderSandbox.OpenAI;

/// <summary>
/// OpenAI at the door: <c>Authorization: Bearer</c>, 401s worded as OpenAI's, the request id and <c>x-ratelimit-*</c>
/// headers on every answer, and its two kinds of 429: <c>rate_limit_exceeded</c> (retry later) and
/// <c>insufficient_quota</c> (a fault with <c>error_code: insufficient_quota</c>; retrying does not help).
/// </summary>
internal sealed class OpenAIDialect(ProviderCredentials credentials) : ProviderDialect
{
    private const int RequestsPerMinute = 500;
    private const int TokensPerMinute = 200_000;

    public override void AddResponseHeaders(HttpContext http, ProviderOperation operation)
    {
        var headers = http.Response.Headers;
        headers["x-request-id"] = "req_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        headers["openai-version"] = "2020-10-01";
        headers["openai-organization"] = "org-sandbox";
        headers["x-ratelimit-limit-requests"] = RequestsPerMinute.ToString(CultureInfo.InvariantCulture);
        headers["x-ratelimit-remaining-requests"] = (RequestsPerMinute - 1).ToString(CultureInfo.InvariantCulture);
        headers["x-ratelimit-reset-requests"] = "120ms";
        headers["x-ratelimit-limit-tokens"] = TokensPerMinute.ToString(CultureInfo.InvariantCulture);
        headers["x-ratelimit-remaining-tokens"] = (TokensPerMinute - 1_000).ToString(CultureInfo.InvariantCulture);
        headers["x-ratelimit-reset-tokens"] = "300ms";
    }

    public override IResult? Authorize(HttpContext http, ProviderOperation operation)
    {
        var authorization = http.Request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || authorization.Length == "Bearer ".Length)
        {
            return OpenAIErrors.Error(StatusCodes.Status401Unauthorized,
                "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY). You can obtain an API key from https://platform.openai.com/account/api-keys.");
        }

        var key = authorization["Bearer ".Length..].Trim();
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(credentials.OpenAIApiKey))
            ? null
            : OpenAIErrors.Error(StatusCodes.Status401Unauthorized,
                $"Incorrect API key provided: {Mask(key)}. You can find your API key at https://platform.openai.com/account/api-keys.", code: "invalid_api_key");
    }

    public override IResult Failure(HttpContext http, ProviderOperation operation, Fault fault)
    {
        var status = fault.Status ?? StatusCodes.Status500InternalServerError;
        if (status == StatusCodes.Status429TooManyRequests)
        {
            if (fault.ErrorCode == "insufficient_quota")
            {
                return OpenAIErrors.Error(status,
                    "You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.",
                    "insufficient_quota", code: "insufficient_quota");
            }

            var headers = http.Response.Headers;
            headers["x-ratelimit-remaining-requests"] = "0";
            var wait = TimeSpan.FromSeconds(fault.RetryAfterSeconds ?? 0);
            headers["x-ratelimit-reset-requests"] = $"{wait.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s";
            if (fault.RetryAfterSeconds is { } retryAfter)
            {
                headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                headers["retry-after-ms"] = ((long)wait.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
            }

            return OpenAIErrors.Error(status,
                $"Rate limit reached in organization org-sandbox on requests per min (RPM): Limit {RequestsPerMinute}, Used {RequestsPerMinute}, Requested 1. Please try again in {(long)wait.TotalMilliseconds}ms. Visit https://platform.openai.com/account/rate-limits to learn more.",
                "requests", code: fault.ErrorCode ?? "rate_limit_exceeded");
        }

        return status switch
        {
            StatusCodes.Status401Unauthorized => OpenAIErrors.Error(status, "Incorrect API key provided.", code: fault.ErrorCode ?? "invalid_api_key"),
            StatusCodes.Status404NotFound => OpenAIErrors.Error(status, "The model does not exist or you do not have access to it.", code: fault.ErrorCode ?? "model_not_found"),
            StatusCodes.Status503ServiceUnavailable => OpenAIErrors.Error(status, "The engine is currently overloaded, please try again later.", "server_error", code: fault.ErrorCode),
            >= 500 => OpenAIErrors.Error(status, "The server had an error while processing your request. Sorry about that!", "server_error", code: fault.ErrorCode),
            _ => OpenAIErrors.Error(status, "The request is not valid.", code: fault.ErrorCode),
        };
    }

    /// <summary>The key as OpenAI quotes a wrong one: its start and end, the rest starred.</summary>
    private static string Mask(string key) => key.Length <= 8 ? "***" : $"{key[..3]}{new string('*', Math.Min(key.Length - 7, 40))}{key[^4..]}";
}
