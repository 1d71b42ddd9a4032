namespace JobPlatform.ProviderSandbox.Control;

/// <summary>The latency profile in force.</summary>
internal sealed record LatencyResponse(string Profile);
