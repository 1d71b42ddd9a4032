using JobPlatform.Engine.Jobs;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace JobPlatform.Engine.Messaging;

/// <summary>
/// Moves the messages of the lane queues of releases before queues had priorities (<see cref="JobQueues.LegacyQueue"/>)
/// onto today's queues, then deletes the old ones. A queue's arguments cannot change once it is declared, so today's
/// queues have new names; a broker that kept its data across the upgrade still holds the old queues, and their messages
/// are jobs nobody else would run (PostgreSQL records them as queued and on a queue). Each message is republished with
/// a confirm before it is acked, so none is lost; one also delivered by the new queue while the old one was still bound
/// is claimed once, as every duplicate delivery. Old messages go before new jobs: they were queued first. Runs in every
/// worker replica until no old queue is left; a queue an old worker still consumes is deleted once that worker is gone
/// and the deliveries it held are back and moved.
/// </summary>
public sealed partial class LegacyQueueDrain(RabbitMQConnectionKeeper connections, TimeProvider time, ILogger<LegacyQueueDrain> logger)
    : BackgroundService
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(10);
    private static readonly BasicProperties Moved = new() { Persistent = true, ContentType = "application/json", Priority = JobQueues.ContinuedWork };

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await DrainAllAsync(stoppingToken))
                {
                    return;
                }
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogDrainFailed(logger, exception, RetryInterval);
            }

            await Task.Delay(RetryInterval, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>True when no old queue is left.</summary>
    public async Task<bool> DrainAllAsync(CancellationToken cancellationToken)
    {
        var connection = await connections.GetAsync(cancellationToken);
        var done = true;
        foreach (var workload in Enum.GetValues<Workload>())
        {
            foreach (var lane in Priorities.All)
            {
                done &= await DrainAsync(connection, workload, lane, cancellationToken);
            }
        }

        return done;
    }

    private async Task<bool> DrainAsync(IConnection connection, Workload workload, string lane, CancellationToken cancellationToken)
    {
        var legacy = JobQueues.LegacyQueue(workload, lane);
        var routingKey = JobQueues.RoutingKey(workload, lane);
        await using var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
        try
        {
            await channel.QueueDeclarePassiveAsync(legacy, cancellationToken);
        }
        catch (OperationInterruptedException exception) when (exception.ShutdownReason?.ReplyCode == Constants.NotFound)
        {
            return true;
        }

        await JobQueues.DeclareAsync(channel, cancellationToken);
        await channel.QueueUnbindAsync(legacy, JobQueues.Exchange, routingKey, cancellationToken: cancellationToken);
        var moved = 0;
        while (await channel.BasicGetAsync(legacy, autoAck: false, cancellationToken) is { } message)
        {
            await channel.BasicPublishAsync(JobQueues.Exchange, routingKey, mandatory: true, Moved, message.Body, cancellationToken);
            await channel.BasicAckAsync(message.DeliveryTag, multiple: false, cancellationToken);
            moved++;
        }

        try
        {
            // Unused too: a consumer's unacked deliveries do not count as the queue's messages, and would be lost.
            await channel.QueueDeleteAsync(legacy, ifUnused: true, ifEmpty: true, cancellationToken: cancellationToken);
            LogDrained(logger, legacy, moved);
            return true;
        }
        catch (OperationInterruptedException exception) when (exception.ShutdownReason?.ReplyCode == Constants.PreconditionFailed)
        {
            LogNotYetEmpty(logger, legacy, moved);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Moved {Moved} jobs from the old queue {Queue} to its lane's queue, and deleted it.")]
    private static partial void LogDrained(ILogger logger, string queue, int moved);

    [LoggerMessage(Level = LogLevel.Information, Message = "Moved {Moved} jobs from the old queue {Queue}; it still holds deliveries of an old worker, and is deleted once they come back.")]
    private static partial void LogNotYetEmpty(ILogger logger, string queue, int moved);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not drain the old lane queues now; trying again in {Interval}.")]
    private static partial void LogDrainFailed(ILogger logger, Exception exception, TimeSpan interval);
}
