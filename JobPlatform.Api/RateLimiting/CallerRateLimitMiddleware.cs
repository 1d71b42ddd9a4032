using System.Globalization;
using System.Security.Claims;
using JobPlatform.Api.Auth;
using JobPlatform.Engine.Jobs;
using JobPlatform.ServiceDefaults.RateLimiting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace JobPlatform.Api.RateLimiting;

/// <summary>
/// Each caller's request rate, after authorization and before the endpoint: a user's key by its tenant's tier
/// (<c>Jobs:Tiers:{tier}:RequestsPerSecond</c>, <c>RequestBurst</c>), the operator key as one caller
/// (<c>RateLimits:OperatorRequestsPerSecond</c>, <c>OperatorRequestBurst</c>). The buckets are in Redis, so both
/// replicas draw on one budget; a check is one script call. Endpoints open without a key (<c>/health</c>,
/// <c>/alive</c>) are never limited, even when a request to them carries one.
/// </summary>
public sealed class CallerRateLimitMiddleware(
    RequestDelegate next, RedisRateLimiter limiter, IOptions<JobEngineOptions> rules, IOptions<RateLimitOptions> limits, IProblemDetailsService problems)
{
    // A tier removed from configuration while tenants still have it: its keys get the default rate instead of an error.
    private static readonly TierOptions UnconfiguredTier = new();

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.User.Identity?.IsAuthenticated != true || context.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            await next(context);
            return;
        }

        if (context.User.IsInRole(ApiKeyAuthenticationHandler.OperatorRole))
        {
            var limit = limits.Value.OperatorLimit();
            if (await limiter.TryAcquireAsync("operator", limit) is { Allowed: false } refused)
            {
                await RateLimitProblem.WriteAsync(context, problems, refused, RateLimitProblem.OperatorKey,
                    string.Create(CultureInfo.InvariantCulture, $"The operator key allows {limit.PerSecond:0.##} requests per second, in bursts of up to {limit.Burst}."));
                return;
            }
        }
        else
        {
            var tierName = context.User.FindFirstValue(Caller.TierClaim)!;
            var tier = rules.Value.Tiers.GetValueOrDefault(tierName) ?? UnconfiguredTier;
            var limit = new RateLimit(tier.RequestsPerSecond, tier.RequestBurst);
            if (await limiter.TryAcquireAsync($"user:{context.User.FindFirstValue(ClaimTypes.NameIdentifier)}", limit) is { Allowed: false } refused)
            {
                await RateLimitProblem.WriteAsync(context, problems, refused, RateLimitProblem.ApiKey,
                    string.Create(CultureInfo.InvariantCulture, $"The {tierName} tier allows {limit.PerSecond:0.##} requests per second per API key, in bursts of up to {limit.Burst}."));
                return;
            }
        }

        await next(context);
    }
}
