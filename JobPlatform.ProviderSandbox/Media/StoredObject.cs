namespace JobPlatform.ProviderSandbox.Media;

/// <summary>What the media store keeps beside an object's bytes: the headers S3 gives back on GET and HEAD.</summary>
internal sealed record StoredObject(
    string Bucket,
    string Key,
    string ContentType,
    string? ContentEncoding,
    long ContentLength,
    string ETag,
    DateTimeOffset LastModified,
    IReadOnlyDictionary<string, string> UserMetadata);
