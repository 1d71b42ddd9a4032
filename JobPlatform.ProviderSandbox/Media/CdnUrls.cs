namespace JobPlatform.ProviderSandbox.Media;

/// <summary>
/// Absolute, signed CDN URLs for one answer: on the request's own scheme and host (what the caller reached the sandbox
/// by is what works from where it runs), expiring at one instant for the whole answer.
/// </summary>
internal sealed class CdnUrls(string origin, DateTimeOffset expiresAt)
{
    private readonly string _expiry = CdnSignature.Expiry(expiresAt);

    /// <summary>URLs on <paramref name="request"/>'s origin, valid until <paramref name="issuedAt"/> plus the CDN lifetime.</summary>
    public static CdnUrls For(HttpRequest request, DateTimeOffset issuedAt) =>
        new($"{request.Scheme}://{request.Host}{request.PathBase}", issuedAt + CdnSignature.Lifetime);

    public string Url(MediaAsset asset) =>
        $"{origin}/cdn/{asset.Path}?_nc_cat=1&ccb=1-7&oh={CdnSignature.Sign(asset.Path, _expiry)}&oe={_expiry}";
}
