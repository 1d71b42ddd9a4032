using Microsoft.AspNetCore.Http.HttpResults;

namespace JobPlatform.ProviderSandbox.Apify;

/// <summary>Apify's error answers, with the types and messages of its documentation.</summary>
internal static class ApifyErrors
{
    public static JsonHttpResult<ApifyErrorBody> Error(int status, string type, string message) =>
        TypedResults.Json(new ApifyErrorBody(new ApifyError(type, message)), ApifyJson.Api, statusCode: status);

    public static JsonHttpResult<ApifyErrorBody> RunNotFound() => Error(StatusCodes.Status404NotFound, "record-not-found", "Actor run was not found");

    public static JsonHttpResult<ApifyErrorBody> DatasetNotFound() => Error(StatusCodes.Status404NotFound, "record-not-found", "Dataset was not found");

    public static JsonHttpResult<ApifyErrorBody> ActorNotFound() => Error(StatusCodes.Status404NotFound, "actor-not-found", "Actor was not found.");

    public static JsonHttpResult<ApifyErrorBody> InvalidInput(string problem) => Error(StatusCodes.Status400BadRequest, "invalid-input", $"Input is not valid: {problem}");

    public static JsonHttpResult<ApifyErrorBody> InvalidValue(string message) => Error(StatusCodes.Status400BadRequest, "invalid-value", message);
}
