using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using JobPlatform.Hosting.Orchestration;

namespace JobPlatform.Hosting.ApplicationModel;

/// <summary>What resources need from the run: ports, persisted secrets, data directories, binaries, helper commands.</summary>
public sealed class RunContext
{
    private readonly string _secretsFile;
    private readonly Dictionary<string, string> _secrets;

    internal RunContext(DistributedApplicationOptions options)
    {
        Options = options;
        Directory.CreateDirectory(options.DataDirectory);
        // Servers run under their own users when we are root: they must be able to walk down to their directories.
        File.SetUnixFileMode(options.DataDirectory, (UnixFileMode)0b111_101_101);
        _secretsFile = Path.Combine(options.DataDirectory, "secrets.json");
        _secrets = File.Exists(_secretsFile)
            ? JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(_secretsFile)) ?? []
            : [];
    }

    public DistributedApplicationOptions Options { get; }

    internal static bool IsRoot => Environment.IsPrivilegedProcess;

    /// <summary>A free loopback port, unless a fixed one is declared and ports are not randomized.</summary>
    internal int AllocatePort(int? fixedPort = null)
    {
        if (fixedPort is { } port && !Options.RandomizePorts)
        {
            return port;
        }

        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A generated password, kept in the data directory so it survives restarts along with the data it protects.</summary>
    internal string Secret(string key)
    {
        lock (_secrets)
        {
            if (!_secrets.TryGetValue(key, out var value))
            {
                // Letters and digits only: the value goes into URIs and config files unescaped-safe.
                value = RandomNumberGenerator.GetString("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 24);
                _secrets[key] = value;
                File.WriteAllText(_secretsFile, JsonSerializer.Serialize(_secrets));
                File.SetUnixFileMode(_secretsFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            return value;
        }
    }

    internal string DataDirectory(string resourceName)
    {
        var path = Path.Combine(Options.DataDirectory, resourceName);
        Directory.CreateDirectory(path);
        return path;
    }

    internal string LogFile(string instanceName)
    {
        var directory = Path.Combine(Options.DataDirectory, "logs");
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, instanceName + ".log");
    }

    internal IReadOnlyList<string> SearchPath => Options.ExecutableSearchPath ?? DefaultSearchPath();

    internal string FindExecutable(RequiredExecutable executable) =>
        SearchPath.Select(directory => Path.Combine(directory, executable.FileName)).FirstOrDefault(File.Exists)
        ?? throw new DistributedApplicationException(
            $"'{executable.FileName}' was not found (searched {string.Join(':', SearchPath)}). " +
            $"Install it with: sudo apt-get install -y {executable.Package}");

    /// <summary>Gives a directory to a server's system user when we run as root.</summary>
    internal static async Task GrantAsync(string path, string user, CancellationToken cancellationToken)
    {
        if (IsRoot)
        {
            await CommandRunner.RunAsync("chown", ["-R", $"{user}:{user}", path], cancellationToken);
        }
    }

    // Debian keeps PostgreSQL's server binaries and RabbitMQ's real start script off PATH.
    private static List<string> DefaultSearchPath()
    {
        var postgres = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                .Select(d => Path.Combine(d, "bin"))
            : [];
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries);
        return ["/usr/lib/rabbitmq/bin", .. postgres, .. path, "/usr/sbin", "/usr/bin"];
    }
}
