namespace JobPlatform.ProviderSandbox.Apify;

/// <summary>An image of a carousel (Sidecar) post; like the real ones, it has no counts or time of its own.</summary>
internal sealed record ChildPostItem(string Id, string Type, string Caption, string DisplayUrl, int DimensionsHeight, int DimensionsWidth);
