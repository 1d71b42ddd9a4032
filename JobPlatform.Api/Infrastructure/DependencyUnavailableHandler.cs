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
/// <para>
/// An outage fails every request the same way, so it is logged once per <see cref="LogInterval"/>, with the number of
/// failures since the last entry: a stack trace per request, at hundreds of requests per second, took a fifth of the
/// API's CPU and kept it saturated after the cause had passed.
/// </para>
/// </summary>
public sealed partial class DependencyUnavailableHandler(IProblemDetailsService problems, TimeProvider time, ILogger<DependencyUnavailableHandler> logger)
    : IExceptionHandler
{
    public static readonly TimeSpan LogInterval = TimeSpan.FromSeconds(10);

    private readonly Lock _gate = new();
    private DateTimeOffset _nextEntryAt = DateTimeOffset.MinValue;
    private int _unlogged;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsOutage(exception))
        {
            return false;
        }

        if (TakeEntry() is { } failuresSinceLastEntry)
        {
            LogDependencyUnavailable(logger, exception, failuresSinceLastEntry);
        }

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

    /// <summary>The failures since the last entry when this one should be logged (0 for the first), or null.</summary>
    private int? TakeEntry()
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (now < _nextEntryAt)
            {
                _unlogged++;
                return null;
            }

            var unlogged = _unlogged;
            _unlogged = 0;
            _nextEntryAt = now + LogInterval;
            return unlogged;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A dependency is unavailable ({FailuresSinceLastEntry} more requests failed the same way since the last entry).")]
    private static partial void LogDependencyUnavailable(ILogger logger, Exception exception, int failuresSinceLastEntry);
}
