using JobPlatform.Api.Validation;
using Microsoft.AspNetCore.Http.Metadata;

namespace JobPlatform.Api.Infrastructure;

/// <summary>
/// Details for the refusals the framework answers by status code alone (a body over its endpoint's size while being
/// read, a body without a JSON media type), so that every 4xx says what was wrong.
/// </summary>
public static class RequestProblemDetails
{
    public static void Complete(ProblemDetailsContext context)
    {
        if (context.ProblemDetails.Detail is not null)
        {
            return;
        }

        context.ProblemDetails.Detail = context.ProblemDetails.Status switch
        {
            StatusCodes.Status413PayloadTooLarge =>
                $"The body is larger than this endpoint accepts ({BodyLimit(context.HttpContext) / 1024} KiB).",
            StatusCodes.Status415UnsupportedMediaType => "Send the body as JSON, with 'Content-Type: application/json'.",
            _ => null,
        };
    }

    private static long BodyLimit(HttpContext http) =>
        http.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? InputLimits.DefaultBodyBytes;
}
