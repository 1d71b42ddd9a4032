using System.Diagnostics.CodeAnalysis;
using System.Net.Sockets;
using JobPlatform.Hosting.ApplicationModel;

namespace JobPlatform.Hosting.Orchestration;

/// <summary>One replica of a resource: its processes, state, health and output over the life of the run.</summary>
[SuppressMessage("Design", "CA1068:CancellationToken parameters must come last", Justification = "The first parameter names the run a change is made for (a stopped run's changes are dropped); it is an identity more than a cancellation.")]
internal sealed class ResourceInstance : IDisposable
{
    private static readonly TimeSpan StopGracePeriod = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan AdoptionPollInterval = TimeSpan.FromMilliseconds(500);

    private readonly Resource _resource;
    private readonly int _replica;
    private readonly RunContext _context;
    private readonly ResourceNotificationService _notifications;
    private readonly ProcessWatchdog _watchdog;
    private readonly Action<ResourceInstance, string>? _echo;
    private readonly LogBuffer _output;
    private readonly Lock _gate = new();
    private readonly List<TrackedProcess> _processes = [];
    private readonly RestartBackoff _backoff = new();

    // From a start (by the application or the operator) to the next stop; a stopped run's late results are dropped.
    private CancellationTokenSource _run = new();

    // Completed by the first process of the current launch (or adoption) that exits without being asked.
    private TaskCompletionSource<TrackedProcess> _unaskedExit = new();
    private ResourceState _state = ResourceState.NotStarted;
    private HealthStatus _health = HealthStatus.Unknown;
    private int? _exitCode;
    private string? _error;
    private DateTimeOffset? _startedAt;
    private DateTimeOffset? _healthySince;
    private int _restarts;
    private ProcessExit? _lastExit;

    public ResourceInstance(Resource resource, int replica, RunContext context, ResourceNotificationService notifications,
        ProcessWatchdog watchdog, Action<ResourceInstance, string>? echo)
    {
        _resource = resource;
        _replica = replica;
        _context = context;
        _notifications = notifications;
        _watchdog = watchdog;
        _echo = echo;
        Name = resource.Replicas == 1 ? resource.Name : $"{resource.Name}-{replica + 1}";
        _output = new LogBuffer(context.LogFile(Name));
    }

    public string Name { get; }

    public Resource Resource => _resource;

    public ResourceSnapshot Snapshot(int outputLines = 50)
    {
        lock (_gate)
        {
            return new ResourceSnapshot(Name, _resource.Name, _resource.ResourceType, _state, _health, _exitCode, _error,
                _processes.Where(p => !p.HasExited).Select(p => p.Id).ToList(), _resource.GetUrls(_replica), _startedAt,
                _restarts, _lastExit, _output.Tail(outputLines), (_resource as ParameterResource)?.ShownValue);
        }
    }

    /// <summary>
    /// Waits for dependencies, launches the processes, then supervises them until stopped. A process that exits
    /// without being asked takes the rest of its replica down; then a service replica is started again after its
    /// backoff, and a server stays Failed until it is started again, or until a server restarted behind the AppHost's
    /// back answers on its data (adopted).
    /// </summary>
    public async Task StartAsync(CancellationToken applicationStopping)
    {
        CancellationToken run;
        lock (_gate)
        {
            _run = CancellationTokenSource.CreateLinkedTokenSource(applicationStopping);
            run = _run.Token;
            _backoff.Reset();
        }

        SetState(run, ResourceState.Waiting, HealthStatus.Unknown);
        try
        {
            foreach (var dependency in _resource.WaitsFor)
            {
                await _notifications.WaitForResourceHealthyAsync(dependency.Name, run);
            }

            var exited = await RunUntilUnaskedExitAsync(launch => LaunchAsync(run, launch), run);
            while (true)
            {
                exited = _resource.RestartsAfterCrash
                    ? await RestartAfterBackoffAsync(exited, run)
                    : await AdoptRestartedServerAsync(exited, run);
            }
        }
        catch (OperationCanceledException) when (run.IsCancellationRequested)
        {
            // Stopped.
        }
        catch (Exception exception)
        {
            Fail(run, null, exception.Message);
        }
    }

    public async Task StopAsync()
    {
        List<TrackedProcess> processes;
        lock (_gate)
        {
            // Under the lock that Track takes: once the list is copied, nothing of this run joins it.
            _run.Cancel();
            processes = [.. _processes];
            if (_state is not (ResourceState.Failed or ResourceState.NotStarted))
            {
                _state = ResourceState.Stopping;
            }
        }

        _notifications.NotifyChanged();
        // Reverse order: RabbitMQ stops before the epmd it registered with.
        foreach (var process in Enumerable.Reverse(processes))
        {
            await process.StopAsync(StopGracePeriod);
        }

        lock (_gate)
        {
            _processes.RemoveAll(processes.Contains);
            if (_state != ResourceState.Failed)
            {
                (_state, _health, _exitCode, _error) = (ResourceState.Finished, HealthStatus.Unknown, null, null);
            }
        }

        _notifications.NotifyChanged();
    }

    /// <summary>Closes the output log; the replica's processes are stopped before (<c>StopAsync</c>).</summary>
    public void Dispose() => _output.Dispose();

    /// <summary>
    /// Starts (launches or adopts) the replica's processes and watches their health until one of them exits without
    /// being asked; returns that one, once the rest of the replica is down.
    /// </summary>
    private async Task<TrackedProcess> RunUntilUnaskedExitAsync(Func<CancellationToken, Task> start, CancellationToken run)
    {
        var unaskedExit = new TaskCompletionSource<TrackedProcess>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _unaskedExit = unaskedExit;
            _healthySince = null;
        }

        using var launch = CancellationTokenSource.CreateLinkedTokenSource(run);
        var running = StartAndMonitorAsync(start, run, launch.Token);
        await Task.WhenAny(running, unaskedExit.Task);
        await launch.CancelAsync();
        try
        {
            await running;
        }
        catch (OperationCanceledException) when (unaskedExit.Task.IsCompleted && !run.IsCancellationRequested)
        {
            // A process exited while the replica was starting or being watched.
        }

        return await TakeDownAsync(await unaskedExit.Task, run);
    }

    private async Task StartAndMonitorAsync(Func<CancellationToken, Task> start, CancellationToken run, CancellationToken launch)
    {
        await start(launch);
        lock (_gate)
        {
            _startedAt = DateTimeOffset.UtcNow;
        }

        SetState(run, ResourceState.Running, HealthStatus.Unknown);
        await MonitorHealthAsync(run, launch);
    }

    private async Task LaunchAsync(CancellationToken run, CancellationToken launch)
    {
        SetState(run, ResourceState.Starting, HealthStatus.Unknown);
        foreach (var spec in await _resource.PrepareAsync(_context, _replica, launch))
        {
            Track(run, () => TrackedProcess.Launch(spec, _watchdog, Write));
            if (spec.ReadyPort is { } port)
            {
                await WaitForPortAsync(port, launch);
            }
        }
    }

    private async Task<TrackedProcess> RestartAfterBackoffAsync(TrackedProcess exited, CancellationToken run)
    {
        var exitCode = await exited.Exited;
        TimeSpan delay;
        lock (_gate)
        {
            delay = _backoff.Next(_healthySince is { } since ? DateTimeOffset.UtcNow - since : TimeSpan.Zero);
        }

        var reason = $"{ExitDescription(exited.Id, exitCode)}; restarting in {delay.TotalSeconds:0.#} s";
        Write($"[apphost] {Name}: {reason}");
        SetState(run, ResourceState.Restarting, HealthStatus.Unhealthy, exitCode, reason);
        await Task.Delay(delay, run);
        lock (_gate)
        {
            _restarts++;
        }

        return await RunUntilUnaskedExitAsync(launch => LaunchAsync(run, launch), run);
    }

    private async Task<TrackedProcess> AdoptRestartedServerAsync(TrackedProcess exited, CancellationToken run)
    {
        var exitCode = await exited.Exited;
        Fail(run, exitCode, ExitDescription(exited.Id, exitCode));
        return await RunUntilUnaskedExitAsync(launch => AdoptWhenHealthyAsync(exited.Spec, run, launch), run);
    }

    /// <summary>Waits until a server restarted outside the AppHost runs on this replica's data and answers, then tracks it.</summary>
    private async Task AdoptWhenHealthyAsync(ProcessSpec replaced, CancellationToken run, CancellationToken launch)
    {
        while (true)
        {
            await Task.Delay(AdoptionPollInterval, launch);
            if (_resource.FindRestartedServer(_context, _replica) is { } processId
                && await ProbeHealthAsync(launch)
                && Track(run, () => TrackedProcess.Adopt(processId, replaced, _watchdog), countsAsRestart: true) is not null)
            {
                Write($"[apphost] {Name}: adopted process {processId}, started outside the AppHost on its data");
                return;
            }
        }
    }

    /// <summary>
    /// Adds a process (launched or adopted by <paramref name="create"/>) to the replica, unless its run was stopped. A
    /// restart is counted under the same lock, so that no snapshot shows the new process without it.
    /// </summary>
    private TrackedProcess? Track(CancellationToken run, Func<TrackedProcess?> create, bool countsAsRestart = false)
    {
        TrackedProcess? process;
        TaskCompletionSource<TrackedProcess> unaskedExit;
        lock (_gate)
        {
            run.ThrowIfCancellationRequested();
            process = create();
            if (process is null)
            {
                return null;
            }

            _processes.Add(process);
            if (countsAsRestart)
            {
                _restarts++;
            }

            unaskedExit = _unaskedExit;
        }

        _ = ReportUnaskedExitAsync(process, unaskedExit, run);
        return process;
    }

    private static async Task ReportUnaskedExitAsync(TrackedProcess process, TaskCompletionSource<TrackedProcess> unaskedExit, CancellationToken run)
    {
        await process.Exited;
        if (!run.IsCancellationRequested)
        {
            unaskedExit.TrySetResult(process);
        }
    }

    /// <summary>One part of a replica died: takes the rest of it down, and what the dead one forked, so it can start again cleanly.</summary>
    private async Task<TrackedProcess> TakeDownAsync(TrackedProcess exited, CancellationToken run)
    {
        var exit = new ProcessExit(exited.Id, await exited.Exited, DateTimeOffset.UtcNow);
        List<TrackedProcess> processes;
        lock (_gate)
        {
            run.ThrowIfCancellationRequested();
            _lastExit = exit;
            processes = [.. _processes];
        }

        foreach (var process in Enumerable.Reverse(processes))
        {
            await process.StopAsync(StopGracePeriod);
        }

        lock (_gate)
        {
            _processes.RemoveAll(processes.Contains);
        }

        return exited;
    }

    private async Task MonitorHealthAsync(CancellationToken run, CancellationToken launch)
    {
        while (true)
        {
            var healthy = await ProbeHealthAsync(launch);
            launch.ThrowIfCancellationRequested();
            if (healthy)
            {
                lock (_gate)
                {
                    _healthySince ??= DateTimeOffset.UtcNow;
                }
            }

            SetState(run, ResourceState.Running, healthy ? HealthStatus.Healthy : HealthStatus.Unhealthy);
            // Poll fast until healthy, so dependants start promptly; then slowly, to notice a degraded server.
            await Task.Delay(healthy ? TimeSpan.FromSeconds(2) : TimeSpan.FromMilliseconds(200), launch);
        }
    }

    private async Task<bool> ProbeHealthAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            return await _resource.IsHealthyAsync(_replica, timeout.Token);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private static async Task WaitForPortAsync(int port, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(30));
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port, deadline.Token);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50, deadline.Token);
            }
        }
    }

    private static string ExitDescription(int processId, int? exitCode) =>
        exitCode is { } code ? $"process {processId} exited with code {code}" : $"process {processId} exited";

    private void Fail(CancellationToken run, int? exitCode, string error)
    {
        if (SetState(run, ResourceState.Failed, HealthStatus.Unhealthy, exitCode, error))
        {
            Write($"[apphost] {Name} failed: {error}");
        }
    }

    /// <summary>Changes the state on behalf of <paramref name="run"/>, unless it was stopped: then it belongs to a later start or stop.</summary>
    private bool SetState(CancellationToken run, ResourceState state, HealthStatus health, int? exitCode = null, string? error = null)
    {
        lock (_gate)
        {
            if (run.IsCancellationRequested || (_state, _health, _exitCode, _error) == (state, health, exitCode, error))
            {
                return false;
            }

            (_state, _health, _exitCode, _error) = (state, health, exitCode, error);
        }

        _notifications.NotifyChanged();
        return true;
    }

    private void Write(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Add(line);
        _echo?.Invoke(this, line);
    }
}
