using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Net.Http.Headers;

namespace JobPlatform.Api.Infrastructure;

/// <summary>
/// JSON bodies are read as UTF-8. A body declared in another (or an unknown) character set is refused with 415 before
/// binding: the framework would otherwise fail deep inside the JSON reader with an error that reads as the server's.
/// Only endpoints that take a JSON body are checked.
/// </summary>
public sealed class Utf8JsonBodyCheck(IProblemDetailsService problems) : IMiddleware
{
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (context.Request.ContentType is { } contentType
            && context.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>() is { ContentTypes.Count: > 0 }
            && MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
            && mediaType.Charset is { Length: > 0 } charset
            && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
            && !charset.Equals("utf8", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails =
                {
                    Status = StatusCodes.Status415UnsupportedMediaType,
                    Title = "Unsupported media type",
                    Detail = $"The body must be JSON in UTF-8 (Content-Type: application/json; charset=utf-8); got charset '{charset}'.",
                },
            });
            return;
        }

        await next(context);
    }
}
