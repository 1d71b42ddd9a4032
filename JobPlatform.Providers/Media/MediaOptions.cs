namespace JobPlatform.Providers.Media;

/// <summary>
/// Section <c>Providers:Media</c>: the S3-compatible store re-hosted media goes to (<see cref="ProviderOptions.BaseUrl"/>
/// is its endpoint, addressed path-style: AWS S3, MinIO, R2, Ceph and B2 all take it). Downloads from the providers'
/// CDNs share its HttpClient, resilience and circuit. <see cref="ProviderOptions.RequestTimeout"/> bounds each download
/// and upload.
/// </summary>
public sealed class MediaOptions : ProviderOptions
{
    public MediaOptions() => RequestTimeout = TimeSpan.FromSeconds(120);

    public string Bucket { get; set; } = "media";

    /// <summary>The region requests are signed for (SigV4); S3-compatible stores mostly take any.</summary>
    public string Region { get; set; } = "us-east-1";

    public string? AccessKey { get; set; }

    public string? SecretKey { get; set; }

    /// <summary>Where stored objects are served from (a CDN, the bucket's website); unset, the bucket's own path-style URL.</summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>The largest file re-hosted: ad videos are tens of MB.</summary>
    public long MaxBytes { get; set; } = 100 * 1024 * 1024;

    internal override IReadOnlyList<string> Secrets => [AccessKey ?? "", SecretKey ?? ""];

    /// <summary>The URL an object is served at.</summary>
    internal Uri PublicUrl(string key) => new(PublicBaseUrl is { } configured
        ? $"{configured.AbsoluteUri.TrimEnd('/')}/{key}"
        : $"{BaseAddress.AbsoluteUri}{Uri.EscapeDataString(Bucket)}/{key}");

    private protected override IEnumerable<string> FindOwnProblems(string section) =>
        Missing(AccessKey, $"{section}:AccessKey", "the media store's access key")
            .Concat(Missing(SecretKey, $"{section}:SecretKey", "the media store's secret key"))
            .Concat(string.IsNullOrWhiteSpace(Bucket) || string.IsNullOrWhiteSpace(Region) ? [$"{section}:Bucket and {section}:Region must be set."] : [])
            .Concat(PublicBaseUrl is { IsAbsoluteUri: false } ? [$"{section}:PublicBaseUrl must be an absolute URL."] : [])
            .Concat(MaxBytes < 1 ? [$"{section}:MaxBytes must be positive."] : []);
}
