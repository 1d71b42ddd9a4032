using System.Text;

namespace JobPlatform.Hosting.Orchestration;

/// <summary>The AppHost's console: every resource's lines prefixed with its name, plus the resource table.</summary>
internal sealed class ConsoleOutput
{
    private static readonly string[] Colors = ["\e[36m", "\e[33m", "\e[35m", "\e[32m", "\e[34m", "\e[96m", "\e[93m", "\e[95m"];
    private readonly bool _color = !Console.IsOutputRedirected;
    private readonly Dictionary<string, string> _assigned = [];
    private readonly Lock _gate = new();

    public void Write(ResourceInstance instance, string line)
    {
        lock (_gate)
        {
            if (!_assigned.TryGetValue(instance.Resource.Name, out var color))
            {
                color = Colors[_assigned.Count % Colors.Length];
                _assigned[instance.Resource.Name] = color;
            }

            Console.Out.WriteLine(_color ? $"{color}[{instance.Name}]\e[0m {line}" : $"[{instance.Name}] {line}");
        }
    }

    public void Announce(string message)
    {
        lock (_gate)
        {
            Console.Out.WriteLine(_color ? $"\e[1m[apphost]\e[0m {message}" : $"[apphost] {message}");
        }
    }

    public void Table(IReadOnlyList<ResourceSnapshot> snapshots, Uri? dashboard)
    {
        string[] header = ["RESOURCE", "TYPE", "STATE", "HEALTH", "PID", "ENDPOINTS / VALUE"];
        // Parameters show their value: the operator and demo keys are what a person needs to start using the API.
        var rows = snapshots.Select(s => new[]
        {
            s.Name, s.ResourceType, s.State + (s.ExitCode is { } code ? $" ({code})" : ""), s.Health.ToString(),
            string.Join(',', s.ProcessIds), s.Value ?? string.Join(' ', s.Urls),
        }).Prepend(header).ToList();
        var widths = Enumerable.Range(0, header.Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        var table = new StringBuilder().AppendLine();
        foreach (var row in rows)
        {
            table.AppendLine(string.Join("  ", row.Select((cell, c) => cell.PadRight(widths[c]))).TrimEnd());
        }

        if (dashboard is not null)
        {
            table.AppendLine().Append("Dashboard: ").Append(dashboard).AppendLine();
        }

        Announce(table.ToString());
    }
}
