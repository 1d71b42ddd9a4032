using JobPlatform.Api.Model;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace JobPlatform.Api.Infrastructure;

/// <summary>
/// R-X-4: the error body of a dialect's paths, whoever refuses the request. Authentication (401), rate limits (429), an
/// unreadable request (400, 413, 415), an outage (503) and the status-code pages all write their refusal through
/// <see cref="IProblemDetailsService"/>; this writer comes first and takes those of a dialect's paths, in its shape and
/// as <c>application/json</c>. Every other path keeps problem details. A dialect joins with a row of
/// <see cref="Dialects"/>: its path prefixes and its body.
/// </summary>
public sealed class ErrorDialects(IOptions<ProblemDetailsOptions> problemOptions, IOptions<JsonOptions> jsonOptions) : IProblemDetailsWriter
{
    private static readonly (PathString Prefix, Func<string, object> Body)[] Dialects =
    [
        // R-000-11
        ("/api/v1/instagram", SuccessErrorResponse.Of),
        ("/api/v1/analytics", SuccessErrorResponse.Of),
        ("/api/v1/monitoring", SuccessErrorResponse.Of),
    ];

    public bool CanWrite(ProblemDetailsContext context) => Find(context.HttpContext.Request.Path) is not null;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        // The details the framework leaves empty (413, 415) are completed as for problem bodies.
        problemOptions.Value.CustomizeProblemDetails?.Invoke(context);
        var problem = context.ProblemDetails;
        var body = Find(context.HttpContext.Request.Path)!(problem.Detail ?? problem.Title ?? "The request could not be served.");
        return new ValueTask(context.HttpContext.Response.WriteAsJsonAsync(body, body.GetType(), jsonOptions.Value.SerializerOptions, "application/json",
            context.HttpContext.RequestAborted));
    }

    private static Func<string, object>? Find(PathString path) =>
        Dialects.FirstOrDefault(dialect => path.StartsWithSegments(dialect.Prefix, StringComparison.OrdinalIgnoreCase)).Body;
}
