using System.Globalization;
namespace JobPlatform.Bench.Harness;

/// <summary>CPU seconds and peak resident memory of one group of processes during one phase.</summary>
public sealed record ResourceUsage(string Group, double CpuSeconds, double PeakRssMb);

/// <summary>
/// Samples /proc while a phase runs. A group is a resource's processes with all their descendants (PostgreSQL's
/// backends, RabbitMQ's Erlang VM), or the load generator alone. RSS is summed over a group's processes, so memory
/// shared between them (PostgreSQL's shared buffers) counts once per process that touched it.
/// </summary>
public sealed class ResourceMonitor(IReadOnlyDictionary<string, int[]> resourceRoots)
{
    /// <summary>The group of this process, which sends the load.</summary>
    public const string LoadGenerator = "load generator";

    private const double ClockTicksPerSecond = 100; // USER_HZ on Linux
    private static readonly long PageSize = Environment.SystemPageSize;
    private static readonly TimeSpan SampleInterval = TimeSpan.FromMilliseconds(250);

    public async Task<(T Result, IReadOnlyList<ResourceUsage> Usage)> MeasureAsync<T>(Func<Task<T>> phase)
    {
        // CPU is counted per process from its first to its last sighting in the phase: a PostgreSQL backend that exits
        // mid-phase keeps what it spent, and one that starts mid-phase counts from zero.
        var start = ReadProcesses();
        var cpu = new Dictionary<int, (string Group, long First, long Last)>();
        var peaks = new Dictionary<string, long>();
        void Sample(Dictionary<int, ProcessSample> processes)
        {
            foreach (var (group, members) in Groups(processes))
            {
                long rss = 0;
                foreach (var process in members)
                {
                    rss += process.RssBytes;
                    var first = cpu.TryGetValue(process.Id, out var seen) ? seen.First : start.GetValueOrDefault(process.Id)?.CpuTicks ?? 0;
                    cpu[process.Id] = (group, first, process.CpuTicks);
                }

                peaks[group] = Math.Max(peaks.GetValueOrDefault(group), rss);
            }
        }

        Sample(start);
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(SampleInterval, stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
                Sample(ReadProcesses());
            }
        });

        var result = await phase();
        await stop.CancelAsync();
        await sampler;
        Sample(ReadProcesses());
        return (result, peaks.Keys.Select(group => new ResourceUsage(group,
            Math.Round(cpu.Values.Where(c => c.Group == group).Sum(c => c.Last - c.First) / ClockTicksPerSecond, 2),
            Math.Round(peaks[group] / 1048576.0, 1))).ToList());
    }

    private IEnumerable<(string Group, List<ProcessSample> Members)> Groups(Dictionary<int, ProcessSample> processes)
    {
        var children = processes.Values.ToLookup(p => p.ParentId);
        foreach (var (group, roots) in resourceRoots)
        {
            yield return (group, roots.SelectMany(pid => Tree(pid, processes, children)).ToList());
        }

        yield return (LoadGenerator, processes.TryGetValue(Environment.ProcessId, out var self) ? [self] : []);
    }

    private static IEnumerable<ProcessSample> Tree(int root, Dictionary<int, ProcessSample> processes, ILookup<int, ProcessSample> children)
    {
        if (!processes.TryGetValue(root, out var process))
        {
            yield break;
        }

        yield return process;
        foreach (var descendant in children[root].SelectMany(child => Tree(child.Id, processes, children)))
        {
            yield return descendant;
        }
    }

    private static Dictionary<int, ProcessSample> ReadProcesses()
    {
        var processes = new Dictionary<int, ProcessSample>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }

            try
            {
                // Fields after the command name, which may itself hold spaces: state ppid ... utime(12th) stime(13th).
                var stat = File.ReadAllText($"{directory}/stat");
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var residentPages = long.Parse(File.ReadAllText($"{directory}/statm").Split(' ')[1], CultureInfo.InvariantCulture);
                processes[pid] = new ProcessSample(pid, int.Parse(fields[1], CultureInfo.InvariantCulture), long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture), residentPages * PageSize);
            }
            catch (IOException)
            {
                // The process exited while being read.
            }
        }

        return processes;
    }

    private sealed record ProcessSample(int Id, int ParentId, long CpuTicks, long RssBytes);
}
