using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace JobPlatform.Api.Infrastructure;

/// <summary>
/// A request the framework could not read (malformed or mistyped JSON, too deep, not UTF-8, a body over its size, a
/// query value that does not parse, a media type it does not take) is its sender's error: the status the framework
/// chose (400, 413, 415) with a problem+json body that names the field and the problem, never a 500.
/// </summary>
public sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        httpContext.Response.StatusCode = badRequest.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails =
            {
                Status = badRequest.StatusCode,
                Title = badRequest.StatusCode switch
                {
                    StatusCodes.Status413PayloadTooLarge => "Request body too large",
                    StatusCodes.Status415UnsupportedMediaType => "Unsupported media type",
                    _ => "Invalid request",
                },
                Detail = Describe(badRequest),
            },
        });
    }

    private static string Describe(BadHttpRequestException exception) => exception.InnerException switch
    {
        JsonException { Path: { } path } json => $"The body could not be read at {path}: {Reason(json)}",
        JsonException json => $"The body could not be read: {Reason(json)}",
        _ => exception.Message,
    };

    /// <summary>The reader's own sentence without its position suffix; a type mismatch said in JSON's terms, not .NET's.</summary>
    private static string Reason(JsonException exception) =>
        exception.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal)
            ? "the value has the wrong JSON type for this field."
            : exception.Message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0].Trim();
}
