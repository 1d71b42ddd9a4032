using System.Globalization;
using System.Diagnostics;
using JobPlatform.Hosting.ApplicationModel;

namespace JobPlatform.Hosting.Orchestration;

/// <summary>
/// Makes a run's processes die with the AppHost, even when it is SIGKILLed and cannot stop them itself. A small shell
/// process (<c>apphost-watchdog.sh</c>), in a session of its own so a terminal's signals do not reach it, is told each
/// process the AppHost launches or adopts and each one it has stopped; when the AppHost exits, however it exits, the
/// kernel closes the watchdog's stdin and the watchdog stops whatever is still recorded.
/// <para>
/// Not <c>PR_SET_PDEATHSIG</c> (or <c>setpriv --pdeathsig</c>): it fires when the forking <em>thread</em> ends, and
/// .NET starts processes from thread-pool threads that retire when idle; it is cleared when credentials change; and it
/// cannot cover a server restarted outside the AppHost and adopted later, which is no child of ours.
/// </para>
/// </summary>
internal sealed class ProcessWatchdog : IAsyncDisposable
{
    private static readonly TimeSpan GracePeriod = TimeSpan.FromSeconds(5);

    private readonly Process _process;
    private readonly Lock _gate = new();

    private ProcessWatchdog(Process process) => _process = process;

    /// <param name="logFile">Where the watchdog notes what it stopped after the AppHost died.</param>
    public static ProcessWatchdog Start(string logFile)
    {
        using var script = new StreamReader(typeof(ProcessWatchdog).Assembly.GetManifestResourceStream("apphost-watchdog.sh")!);
        // The AppHost's end of the pipe is close-on-exec, as every descriptor .NET opens: processes launched later do
        // not inherit it, so nothing but the AppHost's own exit closes it.
        var process = Process.Start(new ProcessStartInfo("setsid")
        {
            ArgumentList = { "sh", "-c", script.ReadToEnd(), "apphost-watchdog", ((int)GracePeriod.TotalSeconds).ToString(CultureInfo.InvariantCulture), logFile },
            RedirectStandardInput = true,
            UseShellExecute = false,
        })!;
        process.StandardInput.AutoFlush = true;
        return new ProcessWatchdog(process);
    }

    public void Watch(int processId, StopSignal stopSignal) => Send($"watch {processId} {(int)stopSignal}");

    public void Forget(int processId) => Send($"forget {processId}");

    /// <summary>Closes the pipe (after a normal stop nothing is recorded, so the watchdog just exits) and waits for it.</summary>
    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            _process.StandardInput.Close();
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private void Send(string line)
    {
        lock (_gate)
        {
            try
            {
                _process.StandardInput.WriteLine(line);
            }
            catch (IOException)
            {
                // The watchdog was killed from outside. The AppHost still stops everything on a normal stop; only the
                // cleanup after its own death is lost, and failing the resource would not bring it back.
            }
        }
    }
}
