using System.Globalization;
using JobPlatform.Hosting.ApplicationModel;

namespace JobPlatform.Hosting.Orchestration;

/// <summary>
/// What the orchestrator reads from <c>/proc</c>. Every launched process leads its own session (see
/// <see cref="CommandRunner.StartInfo"/>), so whatever it forked, even after its leader died and the rest were
/// re-parented, is found by session id and stopped with it.
/// </summary>
internal static class ProcessTable
{
    public static void KillSession(int sessionId)
    {
        foreach (var pid in SessionMembers(sessionId))
        {
            CommandRunner.Signal(pid, StopSignal.Kill);
        }
    }

    /// <summary>
    /// When the process started (clock ticks after boot), or null when it is gone or a zombie. Process ids are reused
    /// (pid_max can be as low as 32768), so a process the AppHost did not launch is known by its id and start time.
    /// </summary>
    public static long? StartTime(int pid) =>
        Stat(pid) is { } fields && fields[0] != "Z" ? long.Parse(fields[19], CultureInfo.InvariantCulture) : null;

    /// <summary>
    /// The process a server recorded in its pid file, if that process is alive and runs in
    /// <paramref name="workingDirectory"/> (servers chdir to their data directory): a stale pid file names a dead
    /// process, or one that reused its id elsewhere.
    /// </summary>
    public static int? RecordedServer(string pidFile, string workingDirectory)
    {
        try
        {
            var firstLine = File.ReadLines(pidFile).FirstOrDefault();
            return int.TryParse(firstLine, out var pid)
                && StartTime(pid) is not null
                && new DirectoryInfo($"/proc/{pid}/cwd").LinkTarget == Path.GetFullPath(workingDirectory).TrimEnd('/')
                    ? pid
                    : null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // No pid file (the server is not running), or the process ended while we looked.
            return null;
        }
    }

    private static List<int> SessionMembers(int sessionId)
    {
        var members = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), out var pid)
                && Stat(pid) is { } fields && fields[0] != "Z" && int.Parse(fields[3], CultureInfo.InvariantCulture) == sessionId)
            {
                members.Add(pid);
            }
        }

        return members;
    }

    /// <summary>The fields of /proc/PID/stat after "pid (comm) ", starting with the state; null when the process is gone.</summary>
    private static string[]? Stat(int pid)
    {
        try
        {
            // comm may hold spaces and parentheses: the fields we read follow the last ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
    }
}
