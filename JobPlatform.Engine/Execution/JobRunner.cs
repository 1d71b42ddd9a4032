using System.Text.Json;
using JobPlatform.Engine.Data;
using JobPlatform.Engine.Jobs;
using JobPlatform.Engine.Messaging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace JobPlatform.Engine.Execution;

/// <summary>
/// Consumes the lane queues of one workload, each lane with its own channel and its own concurrency (prefetch), and
/// runs each delivered job's attempt: claim, execute with heartbeat, timeout and cancellation, record the outcome,
/// then ack. A message is acked only after the outcome is committed, so a worker killed mid-job loses nothing: its
/// lease expires and the sweeper queues the job again.
/// </summary>
public sealed class JobRunner(
    Workload workload,
    IServiceProvider services,
    RabbitMQConnectionKeeper connections,
    JobHandlerRegistry handlers,
    JobParameterSealer sealer,
    ClaimBatcher claims,
    CompletionBatcher completions,
    JobEvents events,
    RunningJobs runningJobs,
    IOptions<JobEngineOptions> options,
    ILogger<JobRunner> logger) : BackgroundService
{
    private readonly string _owner = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
    private long _attempts;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Supervises the subscription: whenever the connection or a lane's channel closes (broker restart, network),
        // it subscribes again on a fresh connection. Unacked deliveries of the lost channels are redelivered.
        while (!stoppingToken.IsCancellationRequested)
        {
            var channels = new List<IChannel>();
            try
            {
                var lost = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var connection = await connections.GetAsync(stoppingToken);
                connection.ConnectionShutdownAsync += (_, _) => Signal(lost);
                foreach (var priority in Priorities.All)
                {
                    var channel = await SubscribeAsync(connection, priority, stoppingToken);
                    channel.ChannelShutdownAsync += (_, _) => Signal(lost);
                    channels.Add(channel);
                }

                if (!connection.IsOpen)
                {
                    continue;
                }

                logger.LogInformation("Consuming {Workload} jobs as {Owner}", workload, _owner);
                await lost.Task.WaitAsync(stoppingToken);
                logger.LogWarning("Lost the broker connection; subscribing again.");
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("Cannot consume {Workload} jobs now: {Error}", workload, exception.Message);
            }
            catch (OperationCanceledException)
            {
                // Stopping.
            }
            finally
            {
                await CloseAsync(channels);
            }

            await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private async Task<IChannel> SubscribeAsync(IConnection connection, string priority, CancellationToken stoppingToken)
    {
        var lane = options.Value.Lane(priority);
        var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(false, false, consumerDispatchConcurrency: (ushort)lane.Concurrency), stoppingToken);
        await JobQueues.DeclareAsync(channel, stoppingToken);
        await channel.BasicQosAsync(0, (ushort)lane.Concurrency, global: false, stoppingToken);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) => OnDeliveryAsync(channel, delivery, lane, stoppingToken);
        await channel.BasicConsumeAsync(JobQueues.Queue(workload, priority), autoAck: false, consumer, stoppingToken);
        return channel;
    }

    private static Task Signal(TaskCompletionSource lost)
    {
        lost.TrySetResult();
        return Task.CompletedTask;
    }

    private static async Task CloseAsync(List<IChannel> channels)
    {
        foreach (var channel in channels)
        {
            try
            {
                await channel.DisposeAsync();
            }
            catch (Exception)
            {
                // Already closed with its connection.
            }
        }
    }

    private async Task OnDeliveryAsync(IChannel channel, BasicDeliverEventArgs delivery, LaneOptions lane, CancellationToken stoppingToken)
    {
        try
        {
            var message = JsonSerializer.Deserialize<JobMessage>(delivery.Body.Span)!;
            await RunAttemptAsync(message.JobId, lane, stoppingToken);
            await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, CancellationToken.None);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // Our own infrastructure failed (database unreachable...): leave the job to a later delivery.
            logger.LogWarning(exception, "Could not run the job of delivery {DeliveryTag}; it will be redelivered.", delivery.DeliveryTag);
            await Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None);
            if (channel.IsOpen)
            {
                await channel.BasicNackAsync(delivery.DeliveryTag, multiple: false, requeue: true, CancellationToken.None);
            }
        }
    }

    private async Task RunAttemptAsync(Guid jobId, LaneOptions lane, CancellationToken stoppingToken)
    {
        // A lease token per attempt: should this attempt outlive its lease, nothing it writes touches the next attempt.
        var lease = new JobLease(jobId, $"{_owner}/{Interlocked.Increment(ref _attempts)}");
        var job = await claims.WriteAsync(lease);
        if (job is null)
        {
            return; // a duplicate delivery, a cancelled job, or one another worker holds
        }

        await events.PublishAsync(job);
        var handler = handlers.Find(job.JobType);
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        using var timeout = new CancellationTokenSource(lane.Timeout);
        using var attemptToken = CancellationTokenSource.CreateLinkedTokenSource(cancellation.Token, timeout.Token);
        using var tracking = runningJobs.Track(jobId, cancellation);
        var heartbeat = HeartbeatAsync(lease, cancellation, attemptToken.Token);

        Job? outcome;
        try
        {
            if (handler is null)
            {
                throw new InvalidOperationException($"No handler for job type '{job.JobType}' is registered in {workload} workers.");
            }

            var context = new JobExecutionContext(jobId, sealer.Unseal(handler, jobId, job.Parameters), job.Attempts,
                (percent, message) => ReportProgressAsync(lease, percent, message),
                (first, rows, token) => TransitionAsync(t => t.WriteResultRowsAsync(jobId, lease.Owner, first, rows.Select(r => r.GetRawText()).ToList(), token)));
            var result = await handler.ExecuteAsync(context, attemptToken.Token);
            outcome = await completions.WriteAsync(new JobCompletion(lease, result?.GetRawText()));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await TransitionAsync(t => t.ReleaseAsync(jobId, lease.Owner, CancellationToken.None));
            return;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            outcome = await TransitionAsync(t => t.MarkCancelledAsync(jobId, lease.Owner, CancellationToken.None));
        }
        catch (Exception exception)
        {
            var error = timeout.IsCancellationRequested ? $"Attempt {job.Attempts} timed out after {lane.Timeout}." : exception.Message;
            outcome = await TransitionAsync(t => t.FailAttemptAsync(jobId, lease.Owner, error, RetryDelay(job.Attempts), CancellationToken.None));
            logger.LogWarning("Attempt {Attempt} of job {JobId} failed: {Error}", job.Attempts, jobId, error);
        }
        finally
        {
            await cancellation.CancelAsync();
            await heartbeat;
        }

        if (outcome is not null)
        {
            await events.PublishAsync(outcome);
        }
    }

    private TimeSpan RetryDelay(int attempt)
    {
        var delays = options.Value.RetryDelays;
        return delays.Length == 0 ? TimeSpan.Zero : delays[Math.Min(attempt, delays.Length) - 1];
    }

    private async Task HeartbeatAsync(JobLease lease, CancellationTokenSource cancellation, CancellationToken attemptToken)
    {
        try
        {
            while (!attemptToken.IsCancellationRequested)
            {
                await Task.Delay(options.Value.HeartbeatInterval, attemptToken);
                if (!await TransitionAsync(t => t.HeartbeatAsync(lease.JobId, lease.Owner, attemptToken)))
                {
                    await cancellation.CancelAsync(); // cancellation requested, or the lease was lost
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The attempt ended.
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Heartbeat of job {JobId} failed.", lease.JobId);
        }
    }

    private async Task ReportProgressAsync(JobLease lease, int percent, string? message)
    {
        var job = await TransitionAsync(t => t.ReportProgressAsync(lease.JobId, lease.Owner, percent, message, CancellationToken.None));
        if (job is not null)
        {
            await events.PublishAsync(job);
        }
    }

    // A scope (pooled DbContext) per change: the handler, its heartbeat and its progress reports run concurrently.
    // Outcomes are recorded with CancellationToken.None: the token that just ended the handler must not cut them short.
    private async Task<T> TransitionAsync<T>(Func<JobTransitions, Task<T>> change)
    {
        await using var scope = services.CreateAsyncScope();
        return await change(scope.ServiceProvider.GetRequiredService<JobTransitions>());
    }
}
