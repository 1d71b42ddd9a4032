using System.Collections.Concurrent;

namespace JobPlatform.ProviderSandbox.Control;

/// <summary>How many requests each operation got since the start or the last reset (per process).</summary>
internal sealed class CallCounter
{
    private readonly ConcurrentDictionary<(string Provider, string Operation), long> _counts = new();

    public void Count(ProviderOperation operation) => _counts.AddOrUpdate((operation.Provider, operation.Name), 1, (_, count) => count + 1);

    public long Calls(string provider) => _counts.Where(entry => entry.Key.Provider == provider).Sum(entry => entry.Value);

    /// <summary>Every operation of the catalog, provider by provider, those never called at 0.</summary>
    public Dictionary<string, Dictionary<string, long>> Snapshot() =>
        ProviderCatalog.Operations.ToDictionary(
            provider => provider.Key,
            provider => provider.Value.ToDictionary(operation => operation, operation => _counts.GetValueOrDefault((provider.Key, operation))));

    public void Reset() => _counts.Clear();
}
