namespace JobPlatform.ProviderSandbox.Control;

/// <summary>The body of <c>PUT /_sandbox/latency</c>: <c>{"profile": "fast|realistic"}</c>.</summary>
internal sealed record LatencyRequest(string? Profile);
