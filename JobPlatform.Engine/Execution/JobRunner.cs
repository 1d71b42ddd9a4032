using System.Text.Json;
using JobPlatform.Engine.Data;
using JobPlatform.Engine.Jobs;
using JobPlatform.Engine.Messaging;
using JobPlatform.Engine.Store;
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
/// lease expires and the sweeper queues the job again. An attempt that cannot renew its lease in time stops, records
/// nothing and leaves the job to the sweeper in the same way, before another attempt can start.
/// </summary>
public sealed partial class JobRunner(
    Workload workload,
    IServiceProvider services,
    RabbitMQConnectionKeeper connections,
    JobTypeRegistry types,
    IEnumerable<IJobHandler> handlers,
    JobParameterSealer sealer,
    JobDispatcher dispatcher,
    ClaimBatcher claims,
    CompletionBatcher completions,
    JobEvents events,
    RunningJobs runningJobs,
    IOptions<JobEngineOptions> options,
    TimeProvider time,
    ILogger<JobRunner> logger) : BackgroundService
{
    private readonly string _owner = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
    private readonly Dictionary<string, IJobHandler> _handlers = handlers.ToDictionary(h => h.JobType, StringComparer.Ordinal);
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

                LogConsuming(logger, workload, _owner);
                await lost.Task.WaitAsync(stoppingToken);
                LogResubscribing(logger);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogCannotConsume(logger, exception, workload);
            }
            catch (OperationCanceledException)
            {
                // Stopping.
            }
            finally
            {
                await CloseAsync(channels);
            }

            await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
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
            LogRedelivery(logger, exception, delivery.DeliveryTag);
            await Task.Delay(TimeSpan.FromSeconds(1), time, CancellationToken.None);
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
        // The lease is counted from before the claim was sent: the database starts it later, never earlier.
        var claimSent = time.GetTimestamp();
        var job = await claims.RunAsync(lease);
        if (job is null)
        {
            return; // a duplicate delivery, a cancelled job, or one another worker holds
        }

        var type = types.Find(job.JobType);
        var handler = _handlers.GetValueOrDefault(job.JobType);
        using var ownerCancellation = new CancellationTokenSource();
        using var leaseGivenUp = new CancellationTokenSource();
        using var attemptEnded = new CancellationTokenSource();
        using var timeout = new CancellationTokenSource(lane.Timeout);
        using var attemptToken = CancellationTokenSource.CreateLinkedTokenSource(
            stoppingToken, ownerCancellation.Token, leaseGivenUp.Token, timeout.Token);
        using var tracking = runningJobs.Track(jobId, ownerCancellation);
        // Started before anything else can delay it: the lease is counted from the claim.
        var leaseKeeping = KeepLeaseAsync(lease, job.Attempts, claimSent, ownerCancellation, leaseGivenUp, attemptEnded.Token);
        await events.PublishAsync(job);

        Job? outcome;
        try
        {
            if (type is null || handler is null)
            {
                throw new InvalidOperationException($"No handler for job type '{job.JobType}' is registered in {workload} workers.");
            }

            var context = new JobExecutionContext(jobId, sealer.Unseal(type, jobId, job.Parameters), job.Attempts,
                ParseStored(job.Checkpoint),
                ParseStored(job.SnoozeState),
                (percent, message) => ReportProgressAsync(lease, percent, message, leaseGivenUp.Token),
                (first, rows, token) => WriteResultRowsAsync(lease, first, rows, leaseGivenUp.Token, token),
                token => ReadChildrenAsync(jobId, token));
            var step = await handler.ExecuteAsync(context, attemptToken.Token);
            leaseGivenUp.Token.ThrowIfCancellationRequested(); // a handler that returned after its lease was given up
            outcome = step switch
            {
                JobStep.Complete complete => await CompleteAsync(lease, complete),
                JobStep.AwaitChildren wait => await AwaitChildrenAsync(lease, job, wait),
                JobStep.Snooze snooze => await SnoozeAsync(lease, snooze),
                _ => throw new InvalidOperationException($"Unknown step {step}."),
            };
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await TransitionAsync(t => t.ReleaseAsync(jobId, lease.Owner, CancellationToken.None));
            return;
        }
        catch (Exception) when (leaseGivenUp.IsCancellationRequested)
        {
            // However the handler ended once its lease was given up (stopped on its token, refused a write, returned
            // late), the attempt records nothing and publishes nothing: its lease is lost, or expires unrenewed and the
            // sweeper queues the job again. The message is acked: that sweep publishes the job anew.
            return;
        }
        catch (OperationCanceledException) when (ownerCancellation.IsCancellationRequested)
        {
            outcome = await TransitionAsync(t => t.MarkCancelledAsync(jobId, lease.Owner, CancellationToken.None));
        }
        catch (Exception exception)
        {
            var error = timeout.IsCancellationRequested ? $"Attempt {job.Attempts} timed out after {lane.Timeout}." : exception.Message;
            outcome = exception is PermanentJobFailureException && !timeout.IsCancellationRequested
                ? await TransitionAsync(t => t.FailForGoodAsync(jobId, lease.Owner, error, CancellationToken.None))
                : await TransitionAsync(t => t.FailAttemptAsync(jobId, lease.Owner, error, options.Value.Retries.DelayAfter(job.Attempts), CancellationToken.None));
            LogAttemptFailed(logger, job.Attempts, jobId, error);
        }
        finally
        {
            await attemptEnded.CancelAsync();
            await leaseKeeping;
        }

        if (outcome is not null)
        {
            await events.PublishAsync(outcome);
            if (outcome.ParentId is { } parentId && JobStatuses.IsTerminal(outcome.Status))
            {
                await PublishParentAsync(parentId);
            }
        }
    }

    private async Task<Job?> CompleteAsync(JobLease lease, JobStep.Complete complete)
    {
        if (complete.Result is { } value && StorableJson.FindProblem(value, "result", int.MaxValue, JobJson.MaxResultDepth) is { } unstorable)
        {
            throw new InvalidOperationException($"The handler's result cannot be stored: {unstorable}");
        }

        return await completions.RunAsync(new JobCompletion(lease, complete.Result?.GetRawText()));
    }

    /// <summary>
    /// Records the children (validated and sealed as the API does a request) with the wait and the checkpoint, then
    /// queues them. When the owner asked to cancel meanwhile, the job is cancelled instead and no child is started.
    /// </summary>
    private async Task<Job?> AwaitChildrenAsync(JobLease lease, Job parent, JobStep.AwaitChildren wait)
    {
        if (wait.Children.Count == 0)
        {
            throw new InvalidOperationException("A step that awaits children must start at least one.");
        }

        if (StorableJson.FindProblem(wait.Checkpoint, "checkpoint", int.MaxValue, JobJson.MaxResultDepth) is { } unstorable)
        {
            throw new InvalidOperationException($"The handler's checkpoint cannot be stored: {unstorable}");
        }

        // Ids in the order the handler listed the children: a parent reads them back in id order.
        var ids = Enumerable.Range(0, wait.Children.Count).Select(_ => Guid.CreateVersion7()).Order().ToArray();
        var children = wait.Children.Select((child, i) => NewChild(parent, child, ids[i])).ToList();
        var waiting = await TransitionAsync(t => t.AwaitChildrenAsync(lease, wait.Checkpoint.GetRawText(), children,
            Math.Clamp(wait.ProgressWhenChildrenEnd, 0, 100), options.Value.Retries.MaxAttempts, CancellationToken.None));
        if (waiting is null)
        {
            // The lease is lost (nothing to record), or the owner asked to cancel: then no child started.
            return await TransitionAsync(t => t.MarkCancelledAsync(lease.JobId, lease.Owner, CancellationToken.None));
        }

        dispatcher.Dispatch(children);
        return waiting;
    }

    /// <summary>Records the snooze; when the owner asked to cancel meanwhile, the job is cancelled instead.</summary>
    private async Task<Job?> SnoozeAsync(JobLease lease, JobStep.Snooze snooze)
    {
        if (snooze.Delay < TimeSpan.Zero)
        {
            throw new InvalidOperationException($"A step cannot snooze for a negative time ({snooze.Delay}).");
        }

        if (StorableJson.FindProblem(snooze.State, "snooze state", int.MaxValue, JobJson.MaxResultDepth) is { } unstorable)
        {
            throw new InvalidOperationException($"The handler's snooze state cannot be stored: {unstorable}");
        }

        return await TransitionAsync(t => t.SnoozeAsync(lease, snooze.Delay, snooze.State.GetRawText(), CancellationToken.None))
            ?? await TransitionAsync(t => t.MarkCancelledAsync(lease.JobId, lease.Owner, CancellationToken.None));
    }

    private static JsonElement? ParseStored(string? json) => json is null ? null : JsonDocument.Parse(json).RootElement.Clone();

    private Job NewChild(Job parent, ChildJob child, Guid id)
    {
        var type = types.Find(child.JobType) ?? throw new InvalidOperationException($"The child job type '{child.JobType}' is not registered.");
        var priority = child.Priority ?? parent.Priority;
        if (!Priorities.All.Contains(priority))
        {
            throw new InvalidOperationException($"The child's priority '{priority}' is not a lane.");
        }

        if (type.Validate(child.Parameters) is { } invalid)
        {
            throw new InvalidOperationException($"A {child.JobType} child's parameters are invalid: {invalid}");
        }

        return new Job
        {
            Id = id,
            TenantId = parent.TenantId,
            UserId = parent.UserId,
            JobType = type.Name,
            Priority = priority,
            Status = JobStatuses.Queued,
            Parameters = sealer.Seal(type, id, child.Parameters),
            ParentId = parent.Id,
        };
    }

    private async Task<IReadOnlyList<ChildOutcome>> ReadChildrenAsync(Guid jobId, CancellationToken cancellationToken)
    {
        var children = await TransitionAsync(t => t.ReadChildrenAsync(jobId, cancellationToken));
        return children.ConvertAll(child => new ChildOutcome(child.Id, child.JobType, child.Status,
            child.Result is null ? null : JsonDocument.Parse(child.Result).RootElement.Clone(), child.ErrorMessage));
    }

    /// <summary>A child's end moved its parent's progress, or queued it for its next step: its watchers see it.</summary>
    private async Task PublishParentAsync(Guid parentId)
    {
        try
        {
            foreach (var parent in await TransitionAsync(t => t.FindAsync([parentId], CancellationToken.None)))
            {
                await events.PublishAsync(parent);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A missed live event costs watchers freshness, never correctness (see JobEvents).
            LogParentNotPublished(logger, exception, parentId);
        }
    }

    /// <summary>
    /// The attempt's heartbeat: renews its lease until the attempt ends, and stops the handler when the owner cancels
    /// the job or when the lease is lost or cannot be renewed in time.
    /// </summary>
    private async Task KeepLeaseAsync(JobLease lease, int attempt, long heldSince, CancellationTokenSource ownerCancellation,
        CancellationTokenSource leaseGivenUp, CancellationToken attemptEnded)
    {
        var keeper = new LeaseKeeper(lease, token => TransitionAsync(t => t.RenewLeaseAsync(lease.JobId, lease.Owner, token)),
            options.Value.HeartbeatInterval, options.Value.LeaseTimeout, time, logger);
        var end = await keeper.KeepAsync(heldSince, attemptEnded);
        switch (end)
        {
            case LeaseEnd.CancelRequested:
                await ownerCancellation.CancelAsync();
                break;
            case LeaseEnd.Lost or LeaseEnd.Unconfirmed:
                LogAttemptStopped(logger, attempt, lease.JobId, end == LeaseEnd.Lost ? "lost" : $"not renewed within {keeper.TrustedFor}");
                await leaseGivenUp.CancelAsync();
                break;
        }
    }

    // Progress and result rows are written under the lease-given-up token: once the lease is given up, the attempt
    // writes nothing more, not even what the database would still accept, and a write waiting on an unreachable
    // database is abandoned at once. The refused write also stops a handler that does not watch its own token.
    private async Task ReportProgressAsync(JobLease lease, int percent, string? message, CancellationToken leaseGivenUp)
    {
        var job = await TransitionAsync(t => t.ReportProgressAsync(lease.JobId, lease.Owner, percent, message, leaseGivenUp));
        if (job is not null)
        {
            await events.PublishAsync(job);
        }
    }

    private async Task WriteResultRowsAsync(JobLease lease, int firstRowNo, IReadOnlyList<JsonElement> rows, CancellationToken leaseGivenUp,
        CancellationToken cancellationToken)
    {
        if (rows.Select((row, i) => StorableJson.FindProblem(row, $"result row {firstRowNo + i}", int.MaxValue, JobJson.MaxResultDepth)).FirstOrDefault(p => p is not null) is { } unstorable)
        {
            throw new InvalidOperationException($"The handler's result rows cannot be stored: {unstorable}");
        }

        using var writing = CancellationTokenSource.CreateLinkedTokenSource(leaseGivenUp, cancellationToken);
        await TransitionAsync(t => t.WriteResultRowsAsync(lease.JobId, lease.Owner, firstRowNo, rows.Select(r => r.GetRawText()).ToList(), writing.Token));
    }

    // A scope (pooled DbContext) per change: the handler, its heartbeat and its progress reports run concurrently.
    // Outcomes are recorded with CancellationToken.None: the token that just ended the handler must not cut them short.
    private async Task<T> TransitionAsync<T>(Func<JobStore, Task<T>> change)
    {
        await using var scope = services.CreateAsyncScope();
        return await change(scope.ServiceProvider.GetRequiredService<JobStore>());
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Consuming {Workload} jobs as {Owner}")]
    private static partial void LogConsuming(ILogger logger, Workload workload, string owner);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the broker connection; subscribing again.")]
    private static partial void LogResubscribing(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot consume {Workload} jobs now.")]
    private static partial void LogCannotConsume(ILogger logger, Exception exception, Workload workload);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not run the job of delivery {DeliveryTag}; it will be redelivered.")]
    private static partial void LogRedelivery(ILogger logger, Exception exception, ulong deliveryTag);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not publish the progress of parent job {JobId}.")]
    private static partial void LogParentNotPublished(ILogger logger, Exception exception, Guid jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Attempt {Attempt} of job {JobId} failed: {Error}")]
    private static partial void LogAttemptFailed(ILogger logger, int attempt, Guid jobId, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Attempt {Attempt} of job {JobId} is stopped: its lease is {Lease}. It records nothing; the sweeper queues the job again.")]
    private static partial void LogAttemptStopped(ILogger logger, int attempt, Guid jobId, string lease);
}
