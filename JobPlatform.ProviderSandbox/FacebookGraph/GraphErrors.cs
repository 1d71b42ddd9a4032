using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JobPlatform.ProviderSandbox.FacebookGraph;

/// <summary>
/// The Graph API's error answers. Graph answers most errors, rate limits included, with HTTP 400: a client classifies
/// them by <c>code</c>, not by status.
/// </summary>
internal static class GraphErrors
{
    public static JsonHttpResult<GraphErrorBody> Error(int code, string message, int? subcode = null, string type = "OAuthException",
        int status = StatusCodes.Status400BadRequest, bool? isTransient = null) =>
        TypedResults.Json(new GraphErrorBody(new GraphError(message, type, code, subcode, isTransient, NewTraceId())), GraphJson.Options, statusCode: status);

    /// <summary>What Graph answers for an id that does not exist or that the token cannot see (100/33).</summary>
    public static JsonHttpResult<GraphErrorBody> UnsupportedGet(string id) => Error(100,
        $"Unsupported get request. Object with ID '{id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api",
        33, "GraphMethodException");

    public static JsonHttpResult<GraphErrorBody> InvalidParameter(string message) => Error(100, $"(#100) {message}");

    public static string NewTraceId() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(8)).TrimEnd('=');
}
