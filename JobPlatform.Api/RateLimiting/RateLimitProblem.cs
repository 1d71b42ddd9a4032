using System.Globalization;
using JobPlatform.ServiceDefaults.RateLimiting;

namespace JobPlatform.Api.RateLimiting;

/// <summary>The answer to a request over a rate limit: 429, <c>Retry-After</c> in whole seconds, and a problem naming the limit.</summary>
public static class RateLimitProblem
{
    /// <summary>Which limit refused, in the problem's <c>limit</c> member: clients can tell their key's from their address's.</summary>
    public const string ApiKey = "api_key";
    public const string OperatorKey = "operator_key";
    public const string ClientAddress = "client_address";

    public static async Task WriteAsync(HttpContext context, IProblemDetailsService problems, RateLimitDecision decision, string limit, string detail)
    {
        var retryAfter = Math.Max(1, (int)Math.Ceiling(decision.RetryAfter.TotalSeconds));
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Rate limit exceeded",
                Detail = $"{detail} Retry after {retryAfter} s.",
                Extensions = { ["limit"] = limit },
            },
        });
    }
}
