using System.Text.Json;
using JobPlatform.Engine.Jobs;

namespace JobPlatform.Tests.Infrastructure;

/// <summary>A job type that only declares its secret parameters, for tests of sealing that need no servers.</summary>
public sealed class TestJobType(IReadOnlyList<string> secretParameters) : IJobType
{
    public string Name => "test";

    public Workload Workload => Workload.General;

    public int Cost => 1;

    public TimeSpan EstimatedDuration => TimeSpan.Zero;

    public IReadOnlyList<string> SecretParameters => secretParameters;

    public string? Validate(JsonElement parameters) => null;
}
