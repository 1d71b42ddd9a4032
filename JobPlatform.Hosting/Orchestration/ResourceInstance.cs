using System.Diagnostics;
using System.Net.Sockets;
using JobPlatform.Hosting.ApplicationModel;

namespace JobPlatform.Hosting.Orchestration;

/// <summary>One replica of a resource: its processes, state, health and output over the life of the run.</summary>
internal sealed class ResourceInstance
{
    private static readonly TimeSpan StopGracePeriod = TimeSpan.FromSeconds(10);

    private readonly Resource _resource;
    private readonly int _replica;
    private readonly RunContext _context;
    private readonly ResourceNotificationService _notifications;
    private readonly Action<ResourceInstance, string>? _echo;
    private readonly LogBuffer _output;
    private readonly Lock _gate = new();
    private readonly List<(Process Process, ProcessSpec Spec)> _processes = [];
    private CancellationTokenSource _lifetime = new();
    private ResourceState _state = ResourceState.NotStarted;
    private HealthStatus _health = HealthStatus.Unknown;
    private int? _exitCode;
    private string? _error;
    private DateTimeOffset? _startedAt;

    public ResourceInstance(Resource resource, int replica, RunContext context, ResourceNotificationService notifications,
        Action<ResourceInstance, string>? echo)
    {
        _resource = resource;
        _replica = replica;
        _context = context;
        _notifications = notifications;
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
                _processes.Where(p => !p.Process.HasExited).Select(p => p.Process.Id).ToList(),
                _resource.GetUrls(_replica), _startedAt, _output.Tail(outputLines), (_resource as ParameterResource)?.Value);
        }
    }

    /// <summary>Waits for dependencies, launches the processes, then keeps checking health until stopped.</summary>
    public async Task StartAsync(CancellationToken applicationStopping)
    {
        CancellationToken cancellationToken;
        lock (_gate)
        {
            _lifetime = CancellationTokenSource.CreateLinkedTokenSource(applicationStopping);
            cancellationToken = _lifetime.Token;
            _exitCode = null;
            _error = null;
            _state = ResourceState.Waiting;
            _health = HealthStatus.Unknown;
        }

        _notifications.NotifyChanged();
        try
        {
            foreach (var dependency in _resource.WaitsFor)
            {
                await _notifications.WaitForResourceHealthyAsync(dependency.Name, cancellationToken);
            }

            Transition(ResourceState.Starting, HealthStatus.Unknown);
            foreach (var spec in await _resource.PrepareAsync(_context, _replica, cancellationToken))
            {
                Launch(spec);
                if (spec.ReadyPort is { } port)
                {
                    await WaitForPortAsync(port, cancellationToken);
                }
            }

            lock (_gate)
            {
                _startedAt = DateTimeOffset.UtcNow;
            }

            Transition(ResourceState.Running, HealthStatus.Unknown);
            await MonitorHealthAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped while waiting or starting.
        }
        catch (Exception exception)
        {
            Fail(null, exception.Message);
        }
    }

    public async Task StopAsync()
    {
        List<(Process Process, ProcessSpec Spec)> processes;
        lock (_gate)
        {
            _lifetime.Cancel();
            processes = [.. _processes];
            if (_state is not (ResourceState.Failed or ResourceState.NotStarted))
            {
                _state = ResourceState.Stopping;
            }
        }

        _notifications.NotifyChanged();
        // Reverse order: RabbitMQ stops before the epmd it registered with.
        foreach (var (process, spec) in Enumerable.Reverse(processes))
        {
            await StopProcessAsync(process, spec);
        }

        lock (_gate)
        {
            _processes.Clear();
            if (_state != ResourceState.Failed)
            {
                _state = ResourceState.Finished;
                _health = HealthStatus.Unknown;
            }
        }

        _notifications.NotifyChanged();
    }

    public void CloseOutput() => _output.Close();

    private void Launch(ProcessSpec spec)
    {
        var process = new Process { StartInfo = CommandRunner.StartInfo(spec), EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Write(e.Data);
        process.ErrorDataReceived += (_, e) => Write(e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        lock (_gate)
        {
            _processes.Add((process, spec));
        }

        _ = WatchExitAsync(process);
    }

    private async Task WatchExitAsync(Process process)
    {
        await process.WaitForExitAsync();
        lock (_gate)
        {
            if (_state is ResourceState.Stopping or ResourceState.Finished || !_processes.Any(p => p.Process == process))
            {
                return;
            }
        }

        Fail(process.ExitCode, $"process {process.Id} exited with code {process.ExitCode}");
        // One part of a resource died: take the rest of it down, so the resource can be started again cleanly.
        List<(Process Process, ProcessSpec Spec)> others;
        lock (_gate)
        {
            others = _processes.Where(p => p.Process != process).ToList();
        }

        foreach (var (other, spec) in others)
        {
            await StopProcessAsync(other, spec);
        }

        ProcessSessions.Kill(process.Id);
    }

    private static async Task StopProcessAsync(Process process, ProcessSpec spec)
    {
        if (!process.HasExited)
        {
            CommandRunner.Signal(process.Id, spec.StopSignal);
            using var grace = new CancellationTokenSource(StopGracePeriod);
            try
            {
                await process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                // Did not stop in time: killed below with the rest of its session.
            }
        }

        ProcessSessions.Kill(process.Id);
        await process.WaitForExitAsync();
    }

    private async Task MonitorHealthAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            bool healthy;
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(5));
                healthy = await _resource.IsHealthyAsync(_replica, timeout.Token);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                healthy = false;
            }

            lock (_gate)
            {
                if (_state != ResourceState.Running)
                {
                    return;
                }
            }

            Transition(ResourceState.Running, healthy ? HealthStatus.Healthy : HealthStatus.Unhealthy);
            // Poll fast until healthy, so dependants start promptly; then slowly, to notice a degraded server.
            await Task.Delay(healthy ? TimeSpan.FromSeconds(2) : TimeSpan.FromMilliseconds(200), cancellationToken);
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

    private void Fail(int? exitCode, string error)
    {
        lock (_gate)
        {
            _state = ResourceState.Failed;
            _health = HealthStatus.Unhealthy;
            _exitCode = exitCode;
            _error = error;
            _lifetime.Cancel();
        }

        Write($"[apphost] {Name} failed: {error}");
        _notifications.NotifyChanged();
    }

    private void Transition(ResourceState state, HealthStatus health)
    {
        lock (_gate)
        {
            // Only StartAsync leaves Failed: a late health result must not hide a crash.
            if ((_state == state && _health == health) || _state == ResourceState.Failed)
            {
                return;
            }

            _state = state;
            _health = health;
        }

        _notifications.NotifyChanged();
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
