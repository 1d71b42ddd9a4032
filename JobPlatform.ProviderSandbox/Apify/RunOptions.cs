namespace JobPlatform.ProviderSandbox.Apify;

/// <summary>The options a run was started with.</summary>
internal sealed record RunOptions(string Build, int TimeoutSecs, int MemoryMbytes, int DiskMbytes);
