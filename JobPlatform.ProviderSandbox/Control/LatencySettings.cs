using Microsoft.Extensions.Options;

namespace JobPlatform.ProviderSandbox.Control;

/// <summary>The latency profile in force: configured at start, switched at run time through the control API.</summary>
internal sealed class LatencySettings(IOptions<SandboxOptions> options)
{
    private volatile LatencyProfile _profile = options.Value.Latency;

    public LatencyProfile Profile
    {
        get => _profile;
        set => _profile = value;
    }

    /// <summary>
    /// <paramref name="fast"/> under the fast profile; under the realistic one, a duration between the two bounds that
    /// <paramref name="seed"/> (a hash of the input) fixes, so the same input always takes as long.
    /// </summary>
    public TimeSpan Duration(TimeSpan fast, TimeSpan realisticMin, TimeSpan realisticMax, ulong seed) =>
        Profile == LatencyProfile.Fast
            ? fast
            : realisticMin + TimeSpan.FromMilliseconds((realisticMax - realisticMin).TotalMilliseconds * (seed % 10_001) / 10_000.0);
}
