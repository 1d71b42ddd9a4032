using System.Text.Json;
using JobPlatform.Engine.Jobs;
using JobPlatform.Engine.Messaging;
using JobPlatform.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;

namespace JobPlatform.Tests.Engine;

/// <summary>
/// An upgrade over a broker that kept its data: the lane queues of releases before message priorities still hold jobs,
/// and the workers move them onto today's queues without losing one (<see cref="LegacyQueueDrain"/>).
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class LegacyQueueDrainTests(AppHostFixture fixture)
{
    [Fact]
    public async Task Messages_of_an_old_lane_queue_move_to_the_lane_before_new_jobs_and_the_old_queue_is_deleted()
    {
        await using var connection = await ConnectAsync();
        await using var channel = await connection.CreateChannelAsync();
        var legacy = await DeclareLegacyAsync(channel, Workload.Ai, Priorities.Low);
        var copies = await CopyOfLaneAsync(channel, Workload.Ai, Priorities.Low);
        Guid[] jobIds = [Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid()];
        foreach (var jobId in jobIds)
        {
            await channel.BasicPublishAsync("", legacy, JsonSerializer.SerializeToUtf8Bytes(new JobMessage(jobId))); // straight onto the old queue
        }

        Assert.True(await DrainAsync());

        Assert.False(await ExistsAsync(connection, legacy));
        var moved = new Dictionary<Guid, byte>();
        while (await channel.BasicGetAsync(copies, autoAck: true) is { } message)
        {
            moved[JsonSerializer.Deserialize<JobMessage>(message.Body.Span)!.JobId] = message.BasicProperties.Priority;
        }

        Assert.Equal(jobIds.Order(), moved.Keys.Order());
        Assert.All(moved.Values, priority => Assert.Equal(JobQueues.ContinuedWork, priority)); // they were queued before any new job
    }

    [Fact]
    public async Task An_old_queue_an_old_worker_still_holds_deliveries_of_is_kept_until_they_come_back()
    {
        await using var connection = await ConnectAsync();
        await using var channel = await connection.CreateChannelAsync();
        var legacy = await DeclareLegacyAsync(channel, Workload.Ai, Priorities.High);
        var copies = await CopyOfLaneAsync(channel, Workload.Ai, Priorities.High);
        var jobId = Guid.NewGuid();
        await channel.BasicPublishAsync("", legacy, JsonSerializer.SerializeToUtf8Bytes(new JobMessage(jobId)));
        var oldWorker = await connection.CreateChannelAsync();
        var delivered = new TaskCompletionSource();
        var consumer = new AsyncEventingBasicConsumer(oldWorker);
        consumer.ReceivedAsync += (_, _) => { delivered.TrySetResult(); return Task.CompletedTask; }; // never acked
        await oldWorker.BasicConsumeAsync(legacy, autoAck: false, consumer);
        await delivered.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.False(await DrainAsync());
        Assert.True(await ExistsAsync(connection, legacy));

        await oldWorker.CloseAsync(); // the old worker stops: its delivery returns to the old queue
        await oldWorker.DisposeAsync();
        Assert.True(await DrainAsync());
        Assert.False(await ExistsAsync(connection, legacy));
        var moved = await channel.BasicGetAsync(copies, autoAck: true);
        Assert.Equal(jobId, JsonSerializer.Deserialize<JobMessage>(moved!.Body.Span)!.JobId);
    }

    private async Task<IConnection> ConnectAsync() =>
        await new ConnectionFactory { Uri = new Uri((await fixture.App.GetConnectionStringAsync("messaging"))!) }.CreateConnectionAsync();

    private async Task<bool> DrainAsync()
    {
        await using var connections = new RabbitMQConnectionKeeper(
            new ConnectionFactory { Uri = new Uri((await fixture.App.GetConnectionStringAsync("messaging"))!) });
        return await new LegacyQueueDrain(connections, TimeProvider.System, NullLogger<LegacyQueueDrain>.Instance).DrainAllAsync(CancellationToken.None);
    }

    /// <summary>The queue as releases before message priorities declared it, bound to its lane's routing key.</summary>
    private static async Task<string> DeclareLegacyAsync(IChannel channel, Workload workload, string lane)
    {
        var legacy = JobQueues.LegacyQueue(workload, lane);
        await channel.QueueDeclareAsync(legacy, durable: true, exclusive: false, autoDelete: false);
        await channel.QueueBindAsync(legacy, JobQueues.Exchange, JobQueues.RoutingKey(workload, lane));
        return legacy;
    }

    /// <summary>
    /// A queue of the test's own that gets a copy of what reaches the lane's routing key. (The fixture's AI workers take
    /// the lane's own copy, find no such job and drop it.)
    /// </summary>
    private static async Task<string> CopyOfLaneAsync(IChannel channel, Workload workload, string lane)
    {
        var copies = (await channel.QueueDeclareAsync(exclusive: true)).QueueName;
        await channel.QueueBindAsync(copies, JobQueues.Exchange, JobQueues.RoutingKey(workload, lane));
        return copies;
    }

    private static async Task<bool> ExistsAsync(IConnection connection, string queue)
    {
        await using var probe = await connection.CreateChannelAsync();
        try
        {
            await probe.QueueDeclarePassiveAsync(queue);
            return true;
        }
        catch (OperationInterruptedException exception) when (exception.ShutdownReason?.ReplyCode == Constants.NotFound)
        {
            return false;
        }
    }
}
