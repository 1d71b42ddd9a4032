using System.Text.Json;
using JobPlatform.Api.Auth;
using JobPlatform.Api.Infrastructure;
using JobPlatform.Api.Jobs;
using JobPlatform.Api.RateLimiting;
using JobPlatform.Api.Validation;
using JobPlatform.Engine;
using JobPlatform.Engine.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace JobPlatform.Api;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddRedisClient("redis");
        builder.AddNpgsqlDbContext<JobsDbContext>("jobsdb");
        builder.AddRabbitMQClient("messaging");
        builder.AddJobEngine();

        builder.Services.AddProblemDetails(problems => problems.CustomizeProblemDetails = RequestProblemDetails.Complete);
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        builder.Services.AddExceptionHandler<DependencyUnavailableHandler>();
        builder.Services.AddSingleton<Utf8JsonBodyCheck>();
        // Unreadable requests throw in every environment (not only Development), so that one handler answers them
        // with a problem body that names the field, instead of a bare 400.
        builder.Services.Configure<RouteHandlerOptions>(routes => routes.ThrowOnBadRequest = true);
        builder.Services.Configure<KestrelServerOptions>(kestrel => kestrel.Limits.MaxRequestBodySize = InputLimits.DefaultBodyBytes);
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<ApiKeyDirectory>();
        builder.AddRateLimits();
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            json.SerializerOptions.MaxDepth = InputLimits.JsonDepth;
            // A repeated property is ambiguous (jsonb keeps the last one; a check may have read the first): refused.
            json.SerializerOptions.AllowDuplicateProperties = false;
        });

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
