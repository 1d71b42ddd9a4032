namespace JobPlatform.ProviderSandbox.Control;

/// <summary>The sandbox's own settings (section <c>Sandbox</c>).</summary>
internal sealed class SandboxOptions
{
    public const string SectionName = "Sandbox";

    /// <summary>
    /// Where what must outlive a restart is kept: Apify runs and the media store's objects. Replicas on one machine
    /// share the default, so they serve the same runs and objects.
    /// </summary>
    public string DataDirectory { get; set; } = Path.Combine(Path.GetTempPath(), "jobplatform-provider-sandbox");

    /// <summary>The latency profile at start; <c>PUT /_sandbox/latency</c> switches it at run time.</summary>
    public LatencyProfile Latency { get; set; } = LatencyProfile.Fast;
}
