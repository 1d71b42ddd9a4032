using JobPlatform.Hosting.ApplicationModel;

namespace JobPlatform.Hosting.Orchestration;

/// <summary>
/// Every launched process leads its own session (see <see cref="CommandRunner.StartInfo"/>), so whatever it forked,
/// even after its leader died and the rest were re-parented, is found by session id and stopped with it.
/// </summary>
internal static class ProcessSessions
{
    public static IReadOnlyList<int> Members(int sessionId)
    {
        var members = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }

            try
            {
                // /proc/PID/stat: "pid (comm) state ppid pgrp session ..."; comm may hold spaces and parentheses.
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (int.Parse(fields[3]) == sessionId && fields[0] != "Z")
                {
                    members.Add(pid);
                }
            }
            catch (IOException)
            {
                // The process ended while we looked.
            }
        }

        return members;
    }

    public static void Kill(int sessionId)
    {
        foreach (var pid in Members(sessionId))
        {
            CommandRunner.Signal(pid, (StopSignal)9);
        }
    }
}
