using Microsoft.AspNetCore.Http.HttpResults;

namespace JobPlatform.ProviderSandbox.OpenAI;

/// <summary>OpenAI's error answers.</summary>
internal static class OpenAIErrors
{
    /// <summary>The transcription endpoint's limit: 25 MiB.</summary>
    public const long MaxUploadBytes = 26_214_400;

    public static JsonHttpResult<OpenAIErrorBody> Error(int status, string message, string type = "invalid_request_error", string? param = null, string? code = null) =>
        TypedResults.Json(new OpenAIErrorBody(new OpenAIError(message, type, param, code)), OpenAIJson.Options, statusCode: status);

    public static JsonHttpResult<OpenAIErrorBody> InvalidRequest(string message, string? param = null, string? code = null) =>
        Error(StatusCodes.Status400BadRequest, message, param: param, code: code);

    public static JsonHttpResult<OpenAIErrorBody> MissingParameter(string name) =>
        InvalidRequest($"Missing required parameter: '{name}'.", name, "missing_required_parameter");

    public static JsonHttpResult<OpenAIErrorBody> ModelNotFound(string model) =>
        Error(StatusCodes.Status404NotFound, $"The model `{model}` does not exist or you do not have access to it.", code: "model_not_found");

    /// <summary>The 413 of an upload past 25 MiB, worded as the real one.</summary>
    public static JsonHttpResult<OpenAIErrorBody> TooLarge(long bytes) =>
        Error(StatusCodes.Status413PayloadTooLarge, $"413: Maximum content size limit ({MaxUploadBytes}) exceeded ({bytes} bytes read)", "server_error");
}
