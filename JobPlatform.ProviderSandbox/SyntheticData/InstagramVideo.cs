using JobPlatform.ProviderSandbox.Media;

namespace JobPlatform.ProviderSandbox.SyntheticData;

/// <summary>The video of a reel, and its counts.</summary>
internal sealed record InstagramVideo(MediaAsset File, double DurationSeconds, long ViewCount, long PlayCount);
