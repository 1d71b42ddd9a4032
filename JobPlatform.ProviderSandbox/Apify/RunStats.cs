namespace JobPlatform.ProviderSandbox.Apify;

/// <summary>A run's statistics (the subset the sandbox can compute).</summary>
internal sealed record RunStats(int InputBodyLen, int RestartCount, int ResurrectCount, long DurationMillis, double RunTimeSecs, double ComputeUnits);
