namespace JobPlatform.ProviderSandbox.SyntheticData;

/// <summary>
/// SplitMix64: a tiny generator whose sequence is fixed by its seed forever. System.Random's seeded sequence is not
/// promised to stay the same across .NET versions, and the synthetic data must.
/// </summary>
internal sealed class DeterministicRandom(ulong seed)
{
    private ulong _state = seed;

    public static DeterministicRandom For(params ReadOnlySpan<string> parts) => new(StableHash.Of(parts));

    public ulong NextUInt64()
    {
        var z = _state += 0x9E3779B97F4A7C15;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }

    /// <summary>From 0 to <paramref name="maxExclusive"/> - 1.</summary>
    public int Next(int maxExclusive) => (int)(NextUInt64() % (ulong)maxExclusive);

    public int Next(int minInclusive, int maxExclusive) => minInclusive + Next(maxExclusive - minInclusive);

    public long NextInt64(long minInclusive, long maxExclusive) => minInclusive + (long)(NextUInt64() % (ulong)(maxExclusive - minInclusive));

    /// <summary>From 0 (inclusive) to 1 (exclusive), with 53 bits of precision.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public double NextDouble(double minInclusive, double maxExclusive) => minInclusive + NextDouble() * (maxExclusive - minInclusive);

    public bool Chance(double probability) => NextDouble() < probability;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    /// <summary>A count spread over orders of magnitude, as follower counts are: most accounts small, a few huge.</summary>
    public long NextLogUniform(long minInclusive, long maxInclusive) =>
        (long)Math.Round(Math.Exp(NextDouble(Math.Log(minInclusive), Math.Log(maxInclusive))));
}
