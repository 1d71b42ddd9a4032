namespace JobPlatform.Providers.Media;

/// <summary>A file re-hosted in the media store.</summary>
/// <param name="Url">Where it is served: durable, unlike the CDN URL it came from.</param>
/// <param name="Key">Its key in the bucket: <c>{prefix}/{sha256[0..2]}/{sha256}.{ext}</c>, the same for the same bytes.</param>
/// <param name="Sha256">The hex SHA-256 of its bytes.</param>
/// <param name="AlreadyStored">It was there already (a retry, or the same file elsewhere): nothing was uploaded.</param>
public sealed record RehostedMedia(Uri Url, string Key, string ContentType, long Bytes, string Sha256, bool AlreadyStored);
