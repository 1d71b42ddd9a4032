using System.Diagnostics;
using System.Text.Json;

namespace JobPlatform.Bench.Harness;

/// <summary>
/// A peer job system measured by <c>bench/peers/peer.mjs</c> under Node.js, on the same Redis and PostgreSQL servers.
/// The script reports its own CPU seconds and peak RSS: the peer's client and workers live in that one process.
/// </summary>
public sealed class PeerSystem(string name, string durability, IReadOnlyDictionary<string, string> environment)
{
    public string Name => name;

    /// <summary>What a job acknowledged by this system survives, as configured in this run.</summary>
    public string Durability => durability;

    public async Task<JsonElement> RunAsync(string phase, object arguments)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = PeersDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList = { "peer.mjs", name, phase, JsonSerializer.Serialize(arguments) },
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Cannot start node.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0
            ? JsonDocument.Parse((await output).Trim().Split('\n')[^1]).RootElement.Clone()
            : throw new InvalidOperationException($"{name} {phase} exited with {process.ExitCode}: {await errors}");
    }

    /// <summary>bench/peers, found from the build output upwards (the harness runs from bin/ or from a test's output).</summary>
    public static string PeersDirectory { get; } = FindPeersDirectory();

    private static string FindPeersDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "bench", "peers");
            if (File.Exists(Path.Combine(candidate, "peer.mjs")))
            {
                return Directory.Exists(Path.Combine(candidate, "node_modules"))
                    ? candidate
                    : throw new InvalidOperationException($"Run 'npm ci' in {candidate} first (bench/run.sh does).");
            }
        }

        throw new InvalidOperationException($"bench/peers/peer.mjs not found above {AppContext.BaseDirectory}.");
    }
}
