namespace JobPlatform.ProviderSandbox.Apify;

/// <summary>Where a run was started from.</summary>
internal sealed record RunMeta(string Origin, string? ClientIp, string? UserAgent);
