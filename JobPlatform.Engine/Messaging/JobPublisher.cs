using System.Text.Json;
using JobPlatform.Engine.Jobs;
using Microsoft.Extensions.Hosting;
using RabbitMQ.Client;

namespace JobPlatform.Engine.Messaging;

/// <summary>A job to put on its queue.</summary>
public sealed record QueuedJob(Guid JobId, Workload Workload, string Priority);

/// <summary>
/// Publishes persistent job messages with publisher confirms: when <see cref="PublishAsync"/> returns, RabbitMQ has
/// them on disk. A batch is sent as outstanding publishes awaited together, one round trip instead of one per job.
/// </summary>
public sealed class JobPublisher(RabbitMQConnectionKeeper connections) : IAsyncDisposable
{
    private static readonly BasicProperties Persistent = new() { Persistent = true, ContentType = "application/json" };
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IChannel? _channel;

    public async Task PublishAsync(IReadOnlyCollection<QueuedJob> jobs, CancellationToken cancellationToken)
    {
        if (jobs.Count == 0)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            var channel = await ChannelAsync(cancellationToken);
            await Task.WhenAll(jobs.Select(job => channel.BasicPublishAsync(
                JobQueues.Exchange, JobQueues.RoutingKey(job.Workload, job.Priority), mandatory: true, Persistent,
                JsonSerializer.SerializeToUtf8Bytes(new JobMessage(job.JobId)), cancellationToken).AsTask()));
        }
        catch
        {
            // A channel that saw a failure may be closed or hold unconfirmed publishes: start the next batch afresh.
            await DisposeChannelAsync();
            throw;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync() => await DisposeChannelAsync();

    private async Task<IChannel> ChannelAsync(CancellationToken cancellationToken)
    {
        if (_channel is { IsOpen: true })
        {
            return _channel;
        }

        await DisposeChannelAsync();
        var connection = await connections.GetAsync(cancellationToken);
        _channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true),
            cancellationToken);
        await JobQueues.DeclareAsync(_channel, cancellationToken);
        return _channel;
    }

    private async Task DisposeChannelAsync()
    {
        if (_channel is not null)
        {
            try
            {
                await _channel.DisposeAsync();
            }
            catch (Exception)
            {
                // Closing a broken channel can fail; it is gone either way.
            }

            _channel = null;
        }
    }
}
