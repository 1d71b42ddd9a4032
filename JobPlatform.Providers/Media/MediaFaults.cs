using JobPlatform.Providers.Http;

namespace JobPlatform.Providers.Media;

/// <summary>
/// CDNs and S3 stores say it with the status: 403 on a CDN is an expired signature, 404 and 410 a removed file (all
/// permanent for that URL), 503 from S3 is SlowDown. The S3 client reads S3's XML errors itself.
/// </summary>
internal sealed class MediaFaults : IFaultClassifier
{
    public static readonly MediaFaults Instance = new();

    public ValueTask<ProviderFault?> ClassifyAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        ValueTask.FromResult(response.IsSuccessStatusCode
            ? null
            : new ProviderFault(StatusFaults.KindOf(response.StatusCode), response.StatusCode, RetryAfter: RetryAfterHeader.Read(response)));
}
