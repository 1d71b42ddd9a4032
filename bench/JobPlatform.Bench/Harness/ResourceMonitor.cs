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
    private const double ClockTicksPerSecond = 100; // USER_HZ on Linux
    private static readonly long PageSize = Environment.SystemPageSize;
    private static readonly TimeSpan SampleInterval = TimeSpan.FromMilliseconds(250);

    public async Task<(T Result, IReadOnlyList<ResourceUsage> Usage)> MeasureAsync<T>(Func<Task<T>> phase)
    {
        var start = Sample();
        var peaks = start.ToDictionary(s => s.Key, s => s.Value.RssBytes);
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                foreach (var (group, sample) in Sample())
                {
                    peaks[group] = Math.Max(peaks[group], sample.RssBytes);
                }

                await Task.Delay(SampleInterval, stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        });

        var result = await phase();
        await stop.CancelAsync();
        await sampler;
        var end = Sample();
        return (result, end.Select(e => new ResourceUsage(e.Key,
            Math.Round((e.Value.CpuTicks - start[e.Key].CpuTicks) / ClockTicksPerSecond, 2),
            Math.Round(Math.Max(peaks[e.Key], e.Value.RssBytes) / 1048576.0, 1))).ToList());
    }

    private Dictionary<string, (long CpuTicks, long RssBytes)> Sample()
    {
        var processes = ReadProcesses();
        var children = processes.Values.ToLookup(p => p.ParentId);
        var groups = resourceRoots.ToDictionary(r => r.Key, r => Sum(r.Value.SelectMany(pid => Tree(pid, processes, children))));
        groups["load generator"] = Sum(processes.TryGetValue(Environment.ProcessId, out var self) ? [self] : []);
        return groups;
    }

    private static (long, long) Sum(IEnumerable<ProcessSample> processes)
    {
        long cpu = 0, rss = 0;
        foreach (var process in processes)
        {
            cpu += process.CpuTicks;
            rss += process.RssBytes;
        }

        return (cpu, rss);
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
                var residentPages = long.Parse(File.ReadAllText($"{directory}/statm").Split(' ')[1]);
                processes[pid] = new ProcessSample(pid, int.Parse(fields[1]), long.Parse(fields[11]) + long.Parse(fields[12]), residentPages * PageSize);
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
