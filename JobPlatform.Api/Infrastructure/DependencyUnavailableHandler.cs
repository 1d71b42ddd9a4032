using Microsoft.Extensions.Logging;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using StackExchange.Redis;

namespace JobPlatform.Api.Infrastructure;

/// <summary>
/// A database or cache outage is the server's trouble, not a bug: 503 with Retry-After and a message, not a 500.
/// Nothing was accepted: the accept transaction either committed (and the client got 202) or did not. Only failures
/// that retrying can cure count: a statement PostgreSQL refuses (a constraint, a bad value, a SQL bug) stays a 500,
/// logged with its stack trace, because it is ours to fix and "retry later" would be a lie.
/// </summary>
public sealed partial class DependencyUnavailableHandler(IProblemDetailsService problems, ILogger<DependencyUnavailableHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsOutage(exception))
        {
            return false;
        }

        LogDependencyUnavailable(logger, exception);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = "5";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Service temporarily unavailable",
                Detail = "The job store is unreachable right now; nothing was recorded. Retry in a few seconds.",
            },
        });
    }

    private static bool IsOutage(Exception exception) => exception switch
    {
        RetryLimitExceededException => true,
        NpgsqlException npgsql => npgsql.IsTransient,
        RedisConnectionException or RedisTimeoutException or TimeoutException => true,
        _ => exception.InnerException is { } inner && IsOutage(inner),
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "A dependency is unavailable.")]
    private static partial void LogDependencyUnavailable(ILogger logger, Exception exception);
}
