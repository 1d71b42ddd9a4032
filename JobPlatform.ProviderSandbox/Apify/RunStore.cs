using System.Text.Json;
using JobPlatform.ProviderSandbox.Control;
using Microsoft.Extensions.Options;

namespace JobPlatform.ProviderSandbox.Apify;

/// <summary>
/// Runs as small files in the data directory (one per run, and a pointer from its dataset id): a restarted sandbox,
/// or another replica on the machine, finds the run a worker is polling. Read from disk at every request, never
/// cached: an abort through one replica is seen by all.
/// </summary>
internal sealed class RunStore
{
    private readonly string _runs;
    private readonly string _datasets;

    public RunStore(IOptions<SandboxOptions> options)
    {
        _runs = Directory.CreateDirectory(Path.Combine(options.Value.DataDirectory, "apify", "runs")).FullName;
        _datasets = Directory.CreateDirectory(Path.Combine(options.Value.DataDirectory, "apify", "datasets")).FullName;
    }

    public async Task SaveAsync(ActorRun run, CancellationToken cancellationToken)
    {
        await WriteAtomicallyAsync(Path.Combine(_runs, run.Id + ".json"), JsonSerializer.SerializeToUtf8Bytes(run, ApifyJson.Api), cancellationToken);
        await WriteAtomicallyAsync(Path.Combine(_datasets, run.DatasetId), System.Text.Encoding.ASCII.GetBytes(run.Id), cancellationToken);
    }

    public async Task<ActorRun?> FindAsync(string runId, CancellationToken cancellationToken)
    {
        var file = Path.Combine(_runs, runId + ".json");
        if (!ApifyIds.IsWellFormed(runId) || !File.Exists(file))
        {
            return null;
        }

        await using var stream = File.OpenRead(file);
        return await JsonSerializer.DeserializeAsync<ActorRun>(stream, ApifyJson.Api, cancellationToken);
    }

    public async Task<ActorRun?> FindByDatasetAsync(string datasetId, CancellationToken cancellationToken)
    {
        var pointer = Path.Combine(_datasets, datasetId);
        return ApifyIds.IsWellFormed(datasetId) && File.Exists(pointer)
            ? await FindAsync(await File.ReadAllTextAsync(pointer, cancellationToken), cancellationToken)
            : null;
    }

    /// <summary>Written aside, then moved in place: a reader sees the old file or the new one, never half of one.</summary>
    private static async Task WriteAtomicallyAsync(string path, byte[] content, CancellationToken cancellationToken)
    {
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        await File.WriteAllBytesAsync(temporary, content, cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }
}
