using Microsoft.Extensions.Logging;
using JobPlatform.Engine.Data;
using JobPlatform.Engine.Messaging;
using JobPlatform.Engine.Rules;
using JobPlatform.Engine.Store;

namespace JobPlatform.Api.Jobs;

/// <summary>
/// Group commit of the accept path (<see cref="StatementBatcher{TRequest,TResult}"/>): the requests that arrive while one
/// batch is being written form the next, and each batch is one transaction of the <see cref="JobStore"/> (two round
/// trips, one commit), its rules applied request by request in arrival order. One commit (one fsync) serves the whole
/// batch: at 1,000 requests/s a request waits for at most one batch in flight plus its own, not for a queue of
/// single-row transactions on one tenant lock. Queueing happens after the commit (see <see cref="JobDispatcher"/>).
/// </summary>
public sealed partial class AcceptBatcher(IServiceProvider services, JobDispatcher dispatcher, ILogger<AcceptBatcher> logger)
    : StatementBatcher<PendingJob, AcceptOutcome>(MaxBatch)
{
    private const int MaxBatch = 1000;

    protected override async Task<IReadOnlyList<AcceptOutcome>> RunBatchAsync(IReadOnlyList<PendingJob> batch)
    {
        try
        {
            await using var scope = services.CreateAsyncScope();
            var decisions = await scope.ServiceProvider.GetRequiredService<JobStore>().AcceptAsync(batch);
            var outcomes = decisions.Select((decision, i) => ToOutcome(batch[i], decision)).ToList();
            dispatcher.Dispatch(outcomes.OfType<AcceptOutcome.Accepted>().Select(a => a.Job).ToList());

            return outcomes;
        }
        catch (Exception exception)
        {
            LogBatchNotRecorded(logger, exception, batch.Count);
            throw;
        }
    }

    private static AcceptOutcome ToOutcome(PendingJob pending, AcceptDecision decision) => decision switch
    {
        AcceptDecision.Accepted(var position) => new AcceptOutcome.Accepted(pending.Job, position),
        AcceptDecision.Refused refused => new AcceptOutcome.Refused(StatusCode(refused.Rule), refused.Title, refused.Detail, refused.RetryAfter),
        AcceptDecision.ActiveKeyTaken => new AcceptOutcome.ActiveKeyTaken(),
        _ => new AcceptOutcome.IdempotencyKeyTaken(),
    };

    /// <summary>A tenant's own limits are 429; a full lane is the system's capacity (503); a short balance is 402.</summary>
    private static int StatusCode(AcceptRule rule) => rule switch
    {
        AcceptRule.ConcurrentJobs or AcceptRule.DailyJobs => StatusCodes.Status429TooManyRequests,
        AcceptRule.LaneCapacity => StatusCodes.Status503ServiceUnavailable,
        AcceptRule.Credits => StatusCodes.Status402PaymentRequired,
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, null),
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record a batch of {Count} jobs.")]
    private static partial void LogBatchNotRecorded(ILogger logger, Exception exception, int count);
}
