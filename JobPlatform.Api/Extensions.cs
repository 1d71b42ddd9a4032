using JobPlatform.Api.Auth;
using JobPlatform.Api.Infrastructure;
using JobPlatform.Api.Jobs;
using JobPlatform.Api.RateLimiting;
using JobPlatform.Api.Validation;
using JobPlatform.ContentAnalysis;
using JobPlatform.Engine;
using JobPlatform.Engine.Data;
using JobPlatform.Engine.Jobs;
using JobPlatform.ProfileAnalytics;
using JobPlatform.ProfileAnalytics.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Scalar.AspNetCore;

namespace JobPlatform.Api;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddRedisClient("redis");
        builder.AddNpgsqlDbContext<JobsDbContext>("jobsdb");
        builder.AddRabbitMQClient("messaging");
        builder.AddJobEngine();
        builder.AddNpgsqlDbContext<ProfileAnalyticsDbContext>("jobsdb");
        builder.AddProfileAnalytics();
        builder.AddContentAnalysisJobType();

        // Before AddProblemDetails: the first writer that takes a problem writes it, and the dialects' paths are theirs.
        builder.Services.AddSingleton<IProblemDetailsWriter, ErrorDialects>();
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
        builder.Services.ConfigureHttpJsonOptions(json => JobJson.Configure(json.SerializerOptions));

        builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            // Secure by default: an endpoint that declares nothing needs an authenticated caller.
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.User, policy => policy.RequireClaim(Caller.TenantClaim))
            .AddPolicy(Policies.Operator, policy => policy.RequireRole(ApiKeyAuthenticationHandler.OperatorRole));

        builder.Services.AddOpenApi(openApi =>
        {
            openApi.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "JobPlatform API";
                document.Info.Description = "Submit background jobs, follow their progress, read their results; operators manage tenants, keys and dead letters.";
                return Task.CompletedTask;
            });
            openApi.AddDocumentTransformer(ApiKeySecurityScheme.DescribeAsync);
            openApi.AddOperationTransformer(ApiKeySecurityScheme.RequireAsync);
        });

        builder.Services.AddScoped<JobAcceptor>();
        builder.Services.AddScoped<JobCanceller>();
        builder.Services.AddScoped<JobEventFeed>();
        builder.Services.AddSingleton<JobStatusCache>();
        builder.Services.AddSingleton<AcceptBatcher>();
        builder.Services.AddSingleton<StatusReadBatcher>();
    }

    /// <summary>
    /// The API description (<c>/openapi/v1.json</c>) and its reference page (<c>/scalar</c>), open without a key: a
    /// client learns the API before it has one. Open endpoints are not rate limited and take no body.
    /// </summary>
    public static void MapApiReference(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();
        // The page runs wherever the API does: it calls no service of Scalar's (fonts, telemetry, AI agent, MCP).
        app.MapScalarApiReference(scalar => scalar
                .WithTitle("JobPlatform API")
                .AddPreferredSecuritySchemes(ApiKeyAuthenticationHandler.SchemeName)
                .DisableDefaultFonts()
                .DisableTelemetry()
                .DisableAgent()
                .DisableMcp())
            .AllowAnonymous();
    }
}
