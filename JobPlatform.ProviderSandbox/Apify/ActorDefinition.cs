using System.Text.Json;
using JobPlatform.ProviderSandbox.Control;
using JobPlatform.ProviderSandbox.Media;

namespace JobPlatform.ProviderSandbox.Apify;

/// <summary>One actor the sandbox runs: its input rules, how long a run takes, and the dataset a run produces.</summary>
internal abstract class ActorDefinition
{
    /// <summary>The actor's name in URLs: <c>username~actor-name</c>.</summary>
    public abstract string Name { get; }

    /// <summary>The actor's id (Apify gives every actor one beside its name; both address it).</summary>
    public string Id => ApifyIds.For("actor", Name);

    /// <summary>What is wrong with an input, in the actor's words; null when the input is valid.</summary>
    public abstract string? InputProblem(JsonElement input);

    public abstract TimeSpan PlannedDuration(JsonElement input, LatencySettings latency);

    /// <summary>The complete dataset of a run started at <paramref name="startedAt"/>: the accounts as they were then.</summary>
    public abstract ActorDataset Dataset(JsonElement input, DateTimeOffset startedAt, CdnUrls urls);

    protected static ulong Seed(JsonElement input) => SyntheticData.StableHash.Of(input.GetRawText());
}
