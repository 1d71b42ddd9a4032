namespace JobPlatform.Providers.FacebookGraph;

/// <summary>A dynamic creative's <c>asset_feed_spec</c>: the assets Meta combines.</summary>
public sealed record AdAssetFeedSpec(
    IReadOnlyList<AdAssetVideo>? Videos = null,
    IReadOnlyList<AdAssetText>? Bodies = null,
    IReadOnlyList<AdAssetText>? Titles = null);
