namespace JobPlatform.Hosting.Orchestration;

/// <summary>The last lines a resource printed (for the dashboard and failure reports), mirrored to a log file.</summary>
internal sealed class LogBuffer(string logFile, int capacity = 500) : IDisposable
{
    private readonly Queue<string> _lines = new();
    private readonly StreamWriter _file = new(new FileStream(logFile, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };

    public void Add(string line)
    {
        lock (_lines)
        {
            _lines.Enqueue(line);
            if (_lines.Count > capacity)
            {
                _lines.Dequeue();
            }

            _file.WriteLine(line);
        }
    }

    public IReadOnlyList<string> Tail(int count)
    {
        lock (_lines)
        {
            return _lines.Skip(Math.Max(0, _lines.Count - count)).ToList();
        }
    }

    public void Dispose()
    {
        lock (_lines)
        {
            _file.Dispose();
        }
    }
}
