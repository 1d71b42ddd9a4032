namespace JobPlatform.Engine.Jobs;

/// <summary>The registered job types, by name.</summary>
public sealed class JobTypeRegistry
{
    private readonly Dictionary<string, IJobType> _byName;

    public JobTypeRegistry(IEnumerable<IJobType> types)
    {
        _byName = types.ToDictionary(t => t.Name, StringComparer.Ordinal);
        // A malformed path would match nothing, and its secret would be stored in clear: refuse it at start instead.
        foreach (var type in _byName.Values)
        {
            if (type.SecretParameters.FirstOrDefault(path => path.Split('.').Any(string.IsNullOrWhiteSpace)) is { } malformed)
            {
                throw new InvalidOperationException(
                    $"Job type '{type.Name}' declares the secret parameter '{malformed}': a path is property names separated by dots.");
            }
        }
    }

    public IReadOnlyCollection<string> Names => _byName.Keys;

    public IJobType? Find(string name) => _byName.GetValueOrDefault(name);
}
