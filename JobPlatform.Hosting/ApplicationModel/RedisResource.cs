using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace JobPlatform.Hosting.ApplicationModel;

/// <summary>Redis from Debian's redis-server, append-only file on, password from the run's secrets.</summary>
public sealed class RedisResource(string name) : Resource(name), IResourceWithConnectionString
{
    private const string PidFileName = "redis.pid";
    private static readonly RequiredExecutable Server = new("redis-server", "redis-server");

    public override string ResourceType => "Redis";

    public int Port { get; private set; }

    public string Password { get; private set; } = "";

    public string ConnectionString => $"127.0.0.1:{Port},password={Password}";

    public IReadOnlyDictionary<string, string> ConnectionProperties => new Dictionary<string, string>
    {
        ["HOST"] = "127.0.0.1",
        ["PORT"] = Port.ToString(CultureInfo.InvariantCulture),
        ["PASSWORD"] = Password,
        ["URI"] = $"redis://:{Password}@127.0.0.1:{Port}",
    };

    internal override void Allocate(RunContext context)
    {
        Port = context.AllocatePort();
        Password = context.Secret($"{Name}-password");
    }

    internal override IReadOnlyList<string> GetUrls(int replica) => [$"tcp://127.0.0.1:{Port}"];

    internal override IEnumerable<RequiredExecutable> RequiredExecutables => [Server];

    internal override async Task<IReadOnlyList<ProcessSpec>> PrepareAsync(RunContext context, int replica, CancellationToken cancellationToken)
    {
        var directory = context.DataDirectory(Name);
        // The password goes in a private config file, not on the command line where `ps` shows it.
        var config = Path.Combine(directory, "redis.conf");
        await File.WriteAllTextAsync(config, $"""
            port {Port}
            bind 127.0.0.1
            protected-mode yes
            requirepass {Password}
            dir {directory}
            pidfile {Path.Combine(directory, PidFileName)}
            appendonly yes
            appendfsync {(context.Options.DurableStorage ? "everysec" : "no")}
            save ""
            daemonize no
            logfile ""
            """, cancellationToken);
        File.SetUnixFileMode(config, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return [new ProcessSpec(context.FindExecutable(Server), [config], directory, new Dictionary<string, string>())];
    }

    /// <summary>The server of <c>redis.pid</c>, e.g. one started by hand with our config; it runs in its <c>dir</c>.</summary>
    internal override int? FindRestartedServer(RunContext context, int replica)
    {
        var directory = context.DataDirectory(Name);
        return Orchestration.ProcessTable.RecordedServer(Path.Combine(directory, PidFileName), directory);
    }

    internal override async Task<bool> IsHealthyAsync(int replica, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", Port, cancellationToken);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"AUTH {Password}\r\nPING\r\n"), cancellationToken);
        var buffer = new byte[64];
        var received = new StringBuilder();
        while (!received.ToString().Contains("+PONG") && !received.ToString().Contains("-ERR"))
        {
            var read = await stream.ReadAsync(buffer, cancellationToken);
            if (read == 0)
            {
                break;
            }

            received.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        return received.ToString().StartsWith("+OK\r\n+PONG", StringComparison.Ordinal);
    }
}
