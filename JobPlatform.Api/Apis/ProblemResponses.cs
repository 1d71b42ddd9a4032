namespace JobPlatform.Api.Apis;

/// <summary>
/// The problem responses that come from the pipeline in front of a handler rather than from the handler itself, so
/// that the API description lists them where they really happen.
/// </summary>
public static class ProblemResponses
{
    /// <summary>
    /// Every endpoint that needs a key: 401 (no key, or one the API does not know), 403 (the other kind of key: the
    /// operator key on the jobs API, a user's key on the admin API), 429 (the key's request rate, or the address's key
    /// lookups) and 503 (the job store unreachable, the key lookup included).
    /// </summary>
    public static TBuilder ProducesCallerProblems<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    /// <summary>
    /// Every endpoint that reads a JSON body: 400 (unreadable, mistyped, or refused by the handler's checks), 413 (over
    /// the endpoint's size) and 415 (not JSON, or not UTF-8).
    /// </summary>
    public static RouteHandlerBuilder ProducesJsonBodyProblems(this RouteHandlerBuilder builder) =>
        builder.ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    /// <summary>
    /// <see cref="ProducesCallerProblems"/> for a dialect's paths: the same refusals, in the dialect's body
    /// (<see cref="Infrastructure.ErrorDialects"/>).
    /// </summary>
    public static RouteGroupBuilder ProducesCallerErrors<TBody>(this RouteGroupBuilder builder) =>
        builder.WithMetadata(
            new ProducesResponseTypeMetadata(StatusCodes.Status401Unauthorized, typeof(TBody), ["application/json"]),
            new ProducesResponseTypeMetadata(StatusCodes.Status403Forbidden, typeof(TBody), ["application/json"]),
            new ProducesResponseTypeMetadata(StatusCodes.Status429TooManyRequests, typeof(TBody), ["application/json"]),
            new ProducesResponseTypeMetadata(StatusCodes.Status503ServiceUnavailable, typeof(TBody), ["application/json"]));
}
