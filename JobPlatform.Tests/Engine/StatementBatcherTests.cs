using JobPlatform.Engine.Data;
using Npgsql;

namespace JobPlatform.Tests.Engine;

/// <summary>The batching that the accept path, worker claims and completions rely on for their throughput.</summary>
public sealed class StatementBatcherTests
{
    [Fact]
    public async Task Requests_arriving_during_a_write_share_the_next_batch_and_each_gets_its_own_result()
    {
        var writer = new HeldFirstBatchWriter();
        var first = writer.RunAsync(1);
        await writer.FirstBatchStarted;

        var waiting = new[] { writer.RunAsync(2), writer.RunAsync(3), writer.RunAsync(4), writer.RunAsync(5) };
        writer.ReleaseFirstBatch();

        var results = await Task.WhenAll([first, .. waiting]);

        Assert.Equal(new[] { 10, 20, 30, 40, 50 }, results);
        Assert.Equal(new[] { new[] { 1 }, [2, 3, 4], [5] }, writer.Batches); // at most MaxBatch (3) per write, in arrival order
    }

    [Fact]
    public async Task A_failing_write_fails_its_own_batch_only()
    {
        var writer = new HeldFirstBatchWriter();
        var first = writer.RunAsync(1);
        await writer.FirstBatchStarted;

        var poisoned = writer.RunAsync(HeldFirstBatchWriter.Poison);
        var sameBatch = writer.RunAsync(2);
        writer.ReleaseFirstBatch();

        Assert.Equal(10, await first);
        await Assert.ThrowsAsync<InvalidOperationException>(() => poisoned);
        await Assert.ThrowsAsync<InvalidOperationException>(() => sameBatch);
        Assert.Equal(30, await writer.RunAsync(3)); // the writer goes on after a failed batch
    }

    [Fact]
    public async Task A_batch_refused_for_one_requests_data_fails_that_request_alone()
    {
        var writer = new HeldFirstBatchWriter();
        var first = writer.RunAsync(1);
        await writer.FirstBatchStarted;

        var before = writer.RunAsync(2);
        var refused = writer.RunAsync(HeldFirstBatchWriter.RefusedValue);
        var after = writer.RunAsync(3);
        writer.ReleaseFirstBatch();

        Assert.Equal(10, await first);
        Assert.Equal(20, await before);
        Assert.Equal(30, await after);
        var exception = await Assert.ThrowsAsync<PostgresException>(() => refused);
        Assert.Equal(PostgresErrorCodes.CharacterNotInRepertoire, exception.SqlState);
        Assert.Equal(new[] { new[] { 1 }, [2, HeldFirstBatchWriter.RefusedValue, 3], [2], [HeldFirstBatchWriter.RefusedValue, 3],
            [HeldFirstBatchWriter.RefusedValue], [3] }, writer.Batches);
    }

    [Fact]
    public async Task A_batch_that_failed_for_an_outage_is_not_split()
    {
        var writer = new HeldFirstBatchWriter();
        var first = writer.RunAsync(1);
        await writer.FirstBatchStarted;

        var outage = writer.RunAsync(HeldFirstBatchWriter.OutageValue);
        var sameBatch = writer.RunAsync(2);
        writer.ReleaseFirstBatch();

        Assert.Equal(10, await first);
        await Assert.ThrowsAsync<PostgresException>(() => outage);
        await Assert.ThrowsAsync<PostgresException>(() => sameBatch);
        Assert.Equal(2, writer.Batches.Count); // written once, not retried in halves against a server that is going down
    }

    /// <summary>
    /// Multiplies by ten; holds its first batch until released; a batch holding <see cref="Poison"/> fails, one holding
    /// <see cref="RefusedValue"/> is refused as PostgreSQL refuses a NUL character, one holding <see cref="OutageValue"/>
    /// fails as a server shutting down does.
    /// </summary>
    private sealed class HeldFirstBatchWriter() : StatementBatcher<int, int>(MaxBatch)
    {
        public const int Poison = -1;
        public const int RefusedValue = -2;
        public const int OutageValue = -3;
        private const int MaxBatch = 3;
        private readonly TaskCompletionSource _firstStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public List<int[]> Batches { get; } = [];

        public Task FirstBatchStarted => _firstStarted.Task;

        public void ReleaseFirstBatch() => _release.SetResult();

        protected override async Task<IReadOnlyList<int>> RunBatchAsync(IReadOnlyList<int> batch)
        {
            Batches.Add([.. batch]);
            if (Batches.Count == 1)
            {
                _firstStarted.SetResult();
                await _release.Task;
            }

            if (batch.Contains(RefusedValue))
            {
                throw new PostgresException("invalid byte sequence for encoding \"UTF8\": 0x00", "ERROR", "ERROR", PostgresErrorCodes.CharacterNotInRepertoire);
            }

            if (batch.Contains(OutageValue))
            {
                throw new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", PostgresErrorCodes.AdminShutdown);
            }

            return batch.Contains(Poison) ? throw new InvalidOperationException("The batch failed.") : batch.Select(x => x * 10).ToList();
        }
    }
}
