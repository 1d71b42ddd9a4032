using Npgsql;

namespace JobPlatform.Engine.Data;

/// <summary>
/// One statement for many requests of one kind: requests that arrive while a batch runs wait for the next batch, and
/// each batch is one statement or transaction for all of them (for writes, group commit: one commit, one fsync). An
/// idle batcher adds no delay: the first request starts a batch at once. At load, batches grow by themselves to what
/// arrived during the last one, so a round trip serves tens of requests instead of one, and a batcher holds at most
/// one database connection whatever its rate.
/// A write batch that PostgreSQL refuses for what one of its requests holds (a data error, not an outage) is split in
/// halves and each half run again, down to the request at fault: no request fails because of another request's data.
/// No background service owns the loop: a drain task starts when a request finds no batch in flight and ends when the
/// queue is empty, so requests are taken for as long as the process runs (a worker recording an outcome while the
/// host stops is not refused).
/// </summary>
public abstract class StatementBatcher<TRequest, TResult>(int maxBatch)
{
    private readonly Lock _gate = new();
    private readonly Queue<(TRequest Request, TaskCompletionSource<TResult> Result)> _queue = new();
    private bool _draining;

    /// <summary>Runs the request with whatever else is waiting; its result, or the batch's exception.</summary>
    public Task<TResult> RunAsync(TRequest request)
    {
        var result = new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _queue.Enqueue((request, result));
            if (_draining)
            {
                return result.Task;
            }

            _draining = true;
        }

        _ = Task.Run(DrainAsync);
        return result.Task;
    }

    /// <summary>
    /// Whether a batch PostgreSQL refused for its data is split to find the request at fault: true for writes, where
    /// one request's values can be; a read's refusal (a missing table, a permission) is no single request's doing.
    /// </summary>
    protected virtual bool IsolatesDataErrors => true;

    /// <summary>Runs one batch; a result per request, in order. An exception fails every request of the batch.</summary>
    protected abstract Task<IReadOnlyList<TResult>> RunBatchAsync(IReadOnlyList<TRequest> batch);

    private async Task DrainAsync()
    {
        var batch = new List<(TRequest Request, TaskCompletionSource<TResult> Result)>();
        while (true)
        {
            batch.Clear();
            lock (_gate)
            {
                while (batch.Count < maxBatch && _queue.TryDequeue(out var item))
                {
                    batch.Add(item);
                }

                if (batch.Count == 0)
                {
                    _draining = false;
                    return;
                }
            }

            await RunIsolatingFailuresAsync(batch);
        }
    }

    private async Task RunIsolatingFailuresAsync(List<(TRequest Request, TaskCompletionSource<TResult> Result)> batch)
    {
        try
        {
            var results = await RunBatchAsync(batch.ConvertAll(item => item.Request));
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Result.TrySetResult(results[i]);
            }
        }
        catch (Exception exception) when (batch.Count > 1 && IsolatesDataErrors && IsRefusedForItsData(exception))
        {
            // The whole transaction rolled back, so running each half again is safe.
            var half = batch.Count / 2;
            await RunIsolatingFailuresAsync(batch[..half]);
            await RunIsolatingFailuresAsync(batch[half..]);
        }
        catch (Exception exception)
        {
            batch.ForEach(item => item.Result.TrySetException(exception));
        }
    }

    /// <summary>
    /// A statement error that retrying cannot cure (a value out of range, a constraint): maybe one request's doing.
    /// An outage is not split: retrying halves against a database that is down only multiplies the load.
    /// </summary>
    private static bool IsRefusedForItsData(Exception exception) => exception switch
    {
        PostgresException postgres => !postgres.IsTransient,
        { InnerException: { } inner } => IsRefusedForItsData(inner),
        _ => false,
    };
}
