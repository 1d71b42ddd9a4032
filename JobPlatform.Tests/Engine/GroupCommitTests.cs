using JobPlatform.Engine.Data;

namespace JobPlatform.Tests.Engine;

/// <summary>The batching that the accept path, worker claims and completions rely on for their throughput.</summary>
public sealed class GroupCommitTests
{
    [Fact]
    public async Task Requests_arriving_during_a_write_share_the_next_batch_and_each_gets_its_own_result()
    {
        var writer = new HeldFirstBatchWriter();
        var first = writer.WriteAsync(1);
        await writer.FirstBatchStarted;

        var waiting = new[] { writer.WriteAsync(2), writer.WriteAsync(3), writer.WriteAsync(4), writer.WriteAsync(5) };
        writer.ReleaseFirstBatch();

        var results = await Task.WhenAll([first, .. waiting]);

        Assert.Equal(new[] { 10, 20, 30, 40, 50 }, results);
        Assert.Equal(new[] { new[] { 1 }, [2, 3, 4], [5] }, writer.Batches); // at most MaxBatch (3) per write, in arrival order
    }

    [Fact]
    public async Task A_failing_write_fails_its_own_batch_only()
    {
        var writer = new HeldFirstBatchWriter();
        var first = writer.WriteAsync(1);
        await writer.FirstBatchStarted;

        var poisoned = writer.WriteAsync(HeldFirstBatchWriter.Poison);
        var sameBatch = writer.WriteAsync(2);
        writer.ReleaseFirstBatch();

        Assert.Equal(10, await first);
        await Assert.ThrowsAsync<InvalidOperationException>(() => poisoned);
        await Assert.ThrowsAsync<InvalidOperationException>(() => sameBatch);
        Assert.Equal(30, await writer.WriteAsync(3)); // the writer goes on after a failed batch
    }

    /// <summary>Multiplies by ten; holds its first batch until released; a batch holding <see cref="Poison"/> fails.</summary>
    private sealed class HeldFirstBatchWriter() : GroupCommit<int, int>(MaxBatch)
    {
        public const int Poison = -1;
        private const int MaxBatch = 3;
        private readonly TaskCompletionSource _firstStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public List<int[]> Batches { get; } = [];

        public Task FirstBatchStarted => _firstStarted.Task;

        public void ReleaseFirstBatch() => _release.SetResult();

        protected override async Task<IReadOnlyList<int>> WriteBatchAsync(IReadOnlyList<int> batch)
        {
            Batches.Add([.. batch]);
            if (Batches.Count == 1)
            {
                _firstStarted.SetResult();
                await _release.Task;
            }

            return batch.Contains(Poison) ? throw new InvalidOperationException("The batch failed.") : batch.Select(x => x * 10).ToList();
        }
    }
}
