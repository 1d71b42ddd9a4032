namespace JobPlatform.Engine.Data;

/// <summary>
/// Group commit for one kind of write: requests that arrive while a batch is being written wait for the next batch,
/// and each batch is one transaction (one commit) for all of them. An idle writer adds no delay: the
/// first request starts a batch at once. At load, batches grow by themselves to what arrived during the last one, so a
/// database commit serves tens of jobs instead of one.
/// No background service owns the loop: a drain task starts when a request finds no batch in flight and ends when the
/// queue is empty, so writes are accepted for as long as the process runs (a worker recording an outcome while the
/// host stops is not refused).
/// </summary>
public abstract class GroupCommit<TRequest, TResult>(int maxBatch)
{
    private readonly Lock _gate = new();
    private readonly Queue<(TRequest Request, TaskCompletionSource<TResult> Result)> _queue = new();
    private bool _draining;

    /// <summary>Writes the request with whatever else is waiting; its result, or the batch's exception.</summary>
    public Task<TResult> WriteAsync(TRequest request)
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

    /// <summary>Writes one batch; a result per request, in order. An exception fails every request of the batch.</summary>
    protected abstract Task<IReadOnlyList<TResult>> WriteBatchAsync(IReadOnlyList<TRequest> batch);

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

            try
            {
                var results = await WriteBatchAsync(batch.ConvertAll(item => item.Request));
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Result.TrySetResult(results[i]);
                }
            }
            catch (Exception exception)
            {
                batch.ForEach(item => item.Result.TrySetException(exception));
            }
        }
    }
}
