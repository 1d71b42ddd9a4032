using JobPlatform.Api.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace JobPlatform.Api.Infrastructure;

/// <summary>
/// The API key in the API description: an HTTP bearer scheme, required by every operation that needs a key. Which
/// operations those are is read from each endpoint's own metadata, as the authorization middleware reads it, so an
/// endpoint open without a key is never described as needing one.
/// </summary>
public static class ApiKeySecurityScheme
{
    public static Task DescribeAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[ApiKeyAuthenticationHandler.SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = """
                `Authorization: Bearer <api key>`: a user's key for the jobs API, the operator key for the admin API.
                The live-update endpoints (Server-Sent Events, WebSocket) also take the key as `?access_token=`.
                """,
        };
        return Task.CompletedTask;
    }

    public static Task RequireAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<IAllowAnonymous>().Any())
        {
            return Task.CompletedTask;
        }

        operation.Security ??= [];
        operation.Security.Add(new OpenApiSecurityRequirement
        {
            [new OpenApiSecuritySchemeReference(ApiKeyAuthenticationHandler.SchemeName, context.Document)] = [],
        });
        return Task.CompletedTask;
    }
}
