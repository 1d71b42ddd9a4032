using System.Diagnostics;
using JobPlatform.Hosting.ApplicationModel;

namespace JobPlatform.Hosting.Orchestration;

/// <summary>
/// A process of a replica: one the AppHost launched, or a server it adopted after that server was restarted behind its
/// back. Either way the watchdog knows it from start to stop, so it dies with the AppHost.
/// </summary>
internal sealed class TrackedProcess
{
    private static readonly TimeSpan AdoptedExitPollInterval = TimeSpan.FromMilliseconds(200);

    private readonly Process? _child;
    private readonly long? _adoptedStartTime;
    private readonly ProcessWatchdog _watchdog;

    private TrackedProcess(int id, ProcessSpec spec, ProcessWatchdog watchdog, Process? child, long? adoptedStartTime)
    {
        Id = id;
        Spec = spec;
        _watchdog = watchdog;
        _child = child;
        _adoptedStartTime = adoptedStartTime;
        Exited = child is null ? PollUntilGoneAsync() : WaitForChildAsync(child);
        watchdog.Watch(id, spec.StopSignal);
    }

    public int Id { get; }

    /// <summary>How it was launched; an adopted server takes the spec of the process it replaced (e.g. its stop signal).</summary>
    public ProcessSpec Spec { get; }

    /// <summary>Completes when it has exited, with its exit code when it was our child (an adopted one's is not ours to read).</summary>
    public Task<int?> Exited { get; }

    public bool HasExited => Exited.IsCompleted;

    private bool IsRunning => _child is null ? ProcessTable.StartTime(Id) == _adoptedStartTime : !_child.HasExited;

    public static TrackedProcess Launch(ProcessSpec spec, ProcessWatchdog watchdog, Action<string?> output)
    {
        var process = new Process { StartInfo = CommandRunner.StartInfo(spec), EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => output(e.Data);
        process.ErrorDataReceived += (_, e) => output(e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new TrackedProcess(process.Id, spec, watchdog, process, adoptedStartTime: null);
    }

    /// <summary>Takes over a running process; null when it is already gone.</summary>
    public static TrackedProcess? Adopt(int processId, ProcessSpec spec, ProcessWatchdog watchdog) =>
        ProcessTable.StartTime(processId) is { } startTime ? new TrackedProcess(processId, spec, watchdog, child: null, startTime) : null;

    /// <summary>
    /// Its stop signal, a grace period, then SIGKILL to what is left of its session, and to itself (an adopted server
    /// may not lead a session). Also what cleans up after a process that exited by itself: what it forked goes too.
    /// </summary>
    public async Task StopAsync(TimeSpan gracePeriod)
    {
        if (IsRunning)
        {
            CommandRunner.Signal(Id, Spec.StopSignal);
            try
            {
                await Exited.WaitAsync(gracePeriod);
            }
            catch (TimeoutException)
            {
                // Did not stop in time: killed below.
            }
        }

        ProcessTable.KillSession(Id);
        if (IsRunning)
        {
            CommandRunner.Signal(Id, StopSignal.Kill);
        }

        await Exited;
        _watchdog.Forget(Id);
    }

    private static async Task<int?> WaitForChildAsync(Process child)
    {
        await child.WaitForExitAsync();
        return child.ExitCode;
    }

    private async Task<int?> PollUntilGoneAsync()
    {
        // Not our child: no SIGCHLD, no exit code; /proc tells when it is gone.
        while (ProcessTable.StartTime(Id) == _adoptedStartTime)
        {
            await Task.Delay(AdoptedExitPollInterval);
        }

        return null;
    }
}
