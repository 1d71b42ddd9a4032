using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using StackExchange.Redis;

namespace JobPlatform.Api.Infrastructure;

/// <summary>
/// A database or cache outage is the server's trouble, not a bug: 503 with Retry-After and a message, not a 500.
/// Nothing was accepted: the accept transaction either committed (and the client got 202) or did not.
/// </summary>
public sealed class DependencyUnavailableHandler(IProblemDetailsService problems, ILogger<DependencyUnavailableHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not (NpgsqlException or RetryLimitExceededException or RedisException or TimeoutException))
        {
            return false;
        }

        logger.LogWarning("A dependency is unavailable: {Error}", exception.Message);
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = "5";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Service temporarily unavailable",
                Detail = "The job store is unreachable right now; nothing was recorded. Retry in a few seconds.",
            },
        });
    }
}
