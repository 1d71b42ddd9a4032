using System.Text.Json;
using JobPlatform.Engine.Data;
using JobPlatform.Engine.Jobs;
using RabbitMQ.Client;

namespace JobPlatform.Engine.Messaging;

/// <summary>
/// A job to put on its lane's queue. <paramref name="Continues"/>: it is work a started job goes on with, delivered
/// before new jobs (<see cref="JobQueues.ContinuedWork"/>).
/// </summary>
public sealed record QueuedJob(Guid JobId, Workload Workload, string Lane, bool Continues)
{
    /// <summary>A job of the store: work continues when the job has started before, or a started job started it.</summary>
    public static QueuedJob Of(Job job, JobTypeRegistry types) =>
        new(job.Id, types.Find(job.JobType)?.Workload ?? Workload.General, job.Priority, job.StartedAt is not null || job.ParentId is not null);
}

/// <summary>
/// Publishes persistent job messages with publisher confirms: when <see cref="PublishAsync"/> returns, RabbitMQ has
/// them on disk. A batch is sent as outstanding publishes awaited together, one round trip instead of one per job, and
/// batches of concurrent callers share the channel without waiting for each other's confirms (a confirm waits for the
/// broker's disk sync, tens of milliseconds, which must not hold back the next job's delivery).
/// </summary>
public sealed class JobPublisher(RabbitMQConnectionKeeper connections) : IAsyncDisposable
{
    private static readonly BasicProperties New = new() { Persistent = true, ContentType = "application/json" };
    private static readonly BasicProperties Continued = new() { Persistent = true, ContentType = "application/json", Priority = JobQueues.ContinuedWork };
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IChannel? _channel;

    public async Task PublishAsync(IReadOnlyCollection<QueuedJob> jobs, CancellationToken cancellationToken)
    {
        if (jobs.Count == 0)
        {
            return;
        }

        var channel = await ChannelAsync(cancellationToken);
        try
        {
            await Task.WhenAll(jobs.Select(job => channel.BasicPublishAsync(
                JobQueues.Exchange, JobQueues.RoutingKey(job.Workload, job.Lane), mandatory: true, job.Continues ? Continued : New,
                JsonSerializer.SerializeToUtf8Bytes(new JobMessage(job.JobId)), cancellationToken).AsTask()));
        }
        catch
        {
            // A channel that saw a failure may be closed or hold unconfirmed publishes: later batches start afresh.
            await RetireAsync(channel);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_channel is { } channel)
        {
            await RetireAsync(channel);
        }
    }

    private async Task<IChannel> ChannelAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_channel is { IsOpen: true })
            {
                return _channel;
            }

            if (_channel is { } closed)
            {
                await RetireAsync(closed);
            }

            var connection = await connections.GetAsync(cancellationToken);
            var channel = await connection.CreateChannelAsync(
                new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true),
                cancellationToken);
            await JobQueues.DeclareAsync(channel, cancellationToken);
            return _channel = channel;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task RetireAsync(IChannel channel)
    {
        Interlocked.CompareExchange(ref _channel, null, channel);
        try
        {
            await channel.DisposeAsync();
        }
        catch (Exception)
        {
            // Closing a broken channel can fail; it is gone either way.
        }
    }
}
