namespace JobPlatform.ProviderSandbox.SyntheticData;

/// <summary>Instagram's media types, as the scrapers name them in <c>type</c>.</summary>
internal enum InstagramPostType
{
    Image,
    Video,
    Sidecar,
}
