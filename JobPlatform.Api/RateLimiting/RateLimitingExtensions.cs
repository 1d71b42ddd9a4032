using JobPlatform.Engine.Jobs;
using JobPlatform.ServiceDefaults.RateLimiting;

namespace JobPlatform.Api.RateLimiting;

public static class RateLimitingExtensions
{
    /// <summary>The limiter (Redis, with in-process buckets while Redis is down), the limits, and the key-lookup budget.</summary>
    public static void AddRateLimits(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.SectionName)
            .Validate(o => o.OperatorRequestsPerSecond > 0 && o.KeyLookupsPerSecond > 0 && o.OperatorRequestBurst >= 1 && o.KeyLookupBurst >= 1 && o.UnknownKeyCost >= 1,
                "RateLimits: rates must be above 0; bursts and UnknownKeyCost at least 1.")
            .ValidateOnStart();
        builder.Services.AddOptions<JobEngineOptions>()
            .Validate(o => o.Tiers.Values.All(t => t.RequestsPerSecond > 0 && t.RequestBurst >= 1),
                "Jobs:Tiers: every tier's RequestsPerSecond must be above 0 and its RequestBurst at least 1.")
            .ValidateOnStart();
        builder.Services.AddSingleton<RedisRateLimiter>();
        builder.Services.AddSingleton<KeyLookupThrottle>();
    }

    /// <summary>Per-caller limits: after authorization (the caller is known), before the endpoints.</summary>
    public static IApplicationBuilder UseCallerRateLimits(this IApplicationBuilder app) => app.UseMiddleware<CallerRateLimitMiddleware>();
}
