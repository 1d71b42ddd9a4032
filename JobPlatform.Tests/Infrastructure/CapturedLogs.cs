using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace JobPlatform.Tests.Infrastructure;

/// <summary>Every log entry of a host, at every level, as it would be written: message, structured values, scopes and exception.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    public ConcurrentQueue<string> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> entries) : ILogger
    {
        public IDisposable BeginScope<TState>(TState state) where TState : notnull
        {
            entries.Enqueue($"{category} scope: {Describe(state)}");
            return NoScope.Instance;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue($"{category} {logLevel}: {formatter(state, exception)} | {Describe(state)} | {exception}");

        private static string Describe<TState>(TState state) =>
            state is IEnumerable<KeyValuePair<string, object?>> values ? string.Join(", ", values.Select(value => $"{value.Key}={value.Value}")) : $"{state}";
    }

    private sealed class NoScope : IDisposable
    {
        public static readonly NoScope Instance = new();

        public void Dispose()
        {
        }
    }
}
