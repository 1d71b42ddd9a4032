using System.Text.Json;
using JobPlatform.Api.Auth;
using JobPlatform.Api.Infrastructure;
using JobPlatform.Api.Jobs;
using JobPlatform.Api.RateLimiting;
using JobPlatform.Engine;
using JobPlatform.Engine.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;

namespace JobPlatform.Api;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddRedisClient("redis");
        builder.AddNpgsqlDbContext<JobsDbContext>("jobsdb");
        builder.AddRabbitMQClient("messaging");
        builder.AddJobEngine();

        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<DependencyUnavailableHandler>();
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<ApiKeyDirectory>();
        builder.AddRateLimits();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);

        builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            // Secure by default: an endpoint that declares nothing needs an authenticated caller.
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.User, policy => policy.RequireClaim(Caller.TenantClaim))
            .AddPolicy(Policies.Operator, policy => policy.RequireRole(ApiKeyAuthenticationHandler.OperatorRole));

        builder.Services.AddScoped<JobAcceptor>();
        builder.Services.AddScoped<JobCanceller>();
        builder.Services.AddScoped<JobEventStream>();
        builder.Services.AddSingleton<JobDispatcher>();
        builder.Services.AddSingleton<JobStatusCache>();
        builder.Services.AddSingleton<AcceptBatcher>();
    }
}
