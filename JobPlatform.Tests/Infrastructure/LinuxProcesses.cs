using System.Globalization;
namespace JobPlatform.Tests.Infrastructure;

/// <summary>
/// Reads processes from /proc, to check what outlived a run. A process is known by its id and start time: ids are
/// reused (pid_max is 32768 here), so an id alone could name an unrelated process a few seconds later.
/// </summary>
public static class LinuxProcesses
{
    /// <summary>The process and everything it forked that still has it as an ancestor.</summary>
    public static List<ProcessIdentity> Tree(int root)
    {
        var parents = new Dictionary<int, int>();
        foreach (var pid in AllIds())
        {
            if (Stat(pid) is { } fields)
            {
                parents[pid] = int.Parse(fields[1], CultureInfo.InvariantCulture);
            }
        }

        var tree = new List<ProcessIdentity>();
        foreach (var pid in parents.Keys)
        {
            for (var ancestor = pid; ancestor > 1; ancestor = parents.GetValueOrDefault(ancestor))
            {
                if (ancestor == root)
                {
                    if (Find(pid) is { } identity)
                    {
                        tree.Add(identity);
                    }

                    break;
                }
            }
        }

        return tree;
    }

    public static ProcessIdentity? Find(int pid) =>
        Stat(pid) is { } fields && fields[0] != "Z" ? new ProcessIdentity(pid, long.Parse(fields[19], CultureInfo.InvariantCulture)) : null;

    /// <summary>Alive: not gone, not a zombie (exited, not yet reaped), not another process that reused the id.</summary>
    public static bool IsAlive(ProcessIdentity process) => Find(process.ProcessId) == process;

    /// <summary>The command lines that contain <paramref name="text"/>, e.g. a run's data directory.</summary>
    public static List<string> Mentioning(string text) =>
        AllIds().Where(pid => Find(pid) is not null).Select(CommandLine).Where(cmdline => cmdline.Contains(text)).ToList();

    /// <summary>"PID: command line", the arguments separated by spaces; empty when the process is gone.</summary>
    public static string CommandLine(int pid)
    {
        try
        {
            return $"{pid}: {File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').TrimEnd()}";
        }
        catch (IOException)
        {
            return "";
        }
    }

    private static IEnumerable<int> AllIds() =>
        Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0)
            .Where(pid => pid > 0);

    /// <summary>The fields of /proc/PID/stat after "pid (comm) ": state, ppid, ...; null when the process is gone.</summary>
    private static string[]? Stat(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
    }
}
