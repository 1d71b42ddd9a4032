using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using JobPlatform.Providers.Http;
using JobPlatform.Providers.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace JobPlatform.Providers.Media;

/// <summary>
/// Copies an image or a video from a provider's CDN (whose URLs expire) into the media store, and returns the URL it is
/// served at from then on. The key is the SHA-256 of the bytes: a retried job, or the same picture met twice, finds the
/// object already stored (one HEAD) and uploads nothing.
/// </summary>
public sealed partial class MediaRehoster(IHttpClientFactory httpClients, IOptions<MediaOptions> options, ProviderTelemetry telemetry, TimeProvider time,
    ILogger<MediaRehoster> logger) : IDisposable
{
    private const int CopyBufferSize = 81920;

    private readonly MediaOptions _options = options.Value;
    private readonly AmazonS3Client _store = new(new BasicAWSCredentials(options.Value.AccessKey, options.Value.SecretKey), new AmazonS3Config
    {
        // Without the trailing slash: the SDK appends "/{bucket}/{key}" to the endpoint's path.
        ServiceURL = options.Value.BaseAddress.AbsoluteUri.TrimEnd('/'),
        AuthenticationRegion = options.Value.Region,
        ForcePathStyle = true,
        // Since 3.7.412 the SDK adds CRC checksums and sends bodies aws-chunked by default, which S3-compatible stores
        // refuse or store wrongly: checksums only where the API requires them (PutObject does not).
        RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
        ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        // The provider's pipeline retries; the SDK's own retries would multiply its attempts.
        MaxErrorRetry = 0,
        HttpClientFactory = new S3HttpClientFactory(httpClients),
    });

    /// <summary>Re-hosts <paramref name="sourceUrl"/> under <paramref name="keyPrefix"/> (e.g. <c>ig-profile</c>, <c>fb-ad-video</c>).</summary>
    /// <exception cref="ProviderException">
    /// Not transient when the URL has expired or is gone (fetch a fresh one from its provider), or the file is not an
    /// image or a video, or is larger than <see cref="MediaOptions.MaxBytes"/>.
    /// </exception>
    public async Task<RehostedMedia> RehostAsync(Uri sourceUrl, string keyPrefix, CancellationToken cancellationToken = default)
    {
        using var activity = ProviderTelemetry.StartOperation(ProviderIdentity.Media, "media.rehost");
        if (CdnUrl.ExpiresAt(sourceUrl) is { } expiry && expiry <= time.GetUtcNow())
        {
            // The CDN would answer 403: no call for that.
            throw new ProviderException(ProviderIdentity.Media.Name, string.Create(CultureInfo.InvariantCulture,
                $"The source URL expired at {expiry:u}: fetch a fresh one from its provider."), transient: false) { StatusCode = HttpStatusCode.Forbidden };
        }

        var caller = new ProviderCaller(httpClients.CreateClient(ProviderIdentity.Media.Name), ProviderIdentity.Media, MediaFaults.Instance, telemetry,
            _options.Secrets);
        await using var file = new FileStream(Path.Combine(Path.GetTempPath(), Path.GetRandomFileName()), FileMode.CreateNew, FileAccess.ReadWrite,
            FileShare.None, CopyBufferSize, FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        var (contentType, sha256) = await caller.SendAsync(new HttpRequestMessage(HttpMethod.Get, sourceUrl), Call("get"),
            (response, token) => DownloadAsync(response, file, token), cancellationToken);

        var key = $"{keyPrefix.Trim('/')}/{sha256[..2]}/{sha256}{MediaTypes.ExtensionOf(contentType)}";
        activity?.SetTag("media.key", key);
        var stored = await ExistsAsync(caller, key, cancellationToken);
        if (!stored)
        {
            file.Position = 0;
            await StoreAsync(caller, "put", token => _store.PutObjectAsync(new PutObjectRequest
            {
                BucketName = _options.Bucket,
                Key = key,
                InputStream = file,
                AutoCloseStream = false,
                ContentType = contentType,
                // The body is signed whole (its SHA-256), not sent aws-chunked.
                UseChunkEncoding = false,
            }, token), cancellationToken);
            LogStored(logger, key, file.Length);
        }

        return new RehostedMedia(_options.PublicUrl(key), key, contentType, file.Length, sha256, AlreadyStored: stored);
    }

    public void Dispose() => _store.Dispose();

    /// <summary>Streams the file to <paramref name="file"/>, hashing it; refuses what is not media, or too large, before or while reading.</summary>
    private async Task<(string ContentType, string Sha256)> DownloadAsync(HttpResponseMessage response, FileStream file, CancellationToken cancellationToken)
    {
        var contentType = response.Content.Headers.ContentType?.MediaType;
        if (!MediaTypes.IsMedia(contentType))
        {
            throw Refused($"The source is {contentType ?? "of no declared type"}, not an image or a video.");
        }

        if (response.Content.Headers.ContentLength > _options.MaxBytes)
        {
            throw TooLarge();
        }

        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[CopyBufferSize];
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (file.Length + read > _options.MaxBytes)
            {
                throw TooLarge();
            }

            sha256.AppendData(buffer, 0, read);
            await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }

        return (contentType!, Convert.ToHexStringLower(sha256.GetHashAndReset()));
    }

    private async Task<bool> ExistsAsync(ProviderCaller caller, string key, CancellationToken cancellationToken)
    {
        try
        {
            await StoreAsync(caller, "head", token => _store.GetObjectMetadataAsync(_options.Bucket, key, token), cancellationToken);
            return true;
        }
        catch (ProviderException exception) when (exception.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    /// <summary>One S3 call, its errors read from the SDK's exception (S3 explains them in XML, which the SDK parses).</summary>
    private Task<T> StoreAsync<T>(ProviderCaller caller, string operation, Func<CancellationToken, Task<T>> send, CancellationToken cancellationToken)
    {
        var call = Call(operation);
        return caller.CallAsync(call, async token =>
        {
            try
            {
                return await send(token);
            }
            catch (AmazonServiceException exception)
            {
                throw caller.Failure(call, new ProviderFault(StatusFaults.KindOf(exception.StatusCode), exception.StatusCode, exception.ErrorCode));
            }
        }, cancellationToken);
    }

    private ProviderCall Call(string operation) => new(operation, _options.RequestTimeout);

    private ProviderException TooLarge() =>
        Refused(string.Create(CultureInfo.InvariantCulture, $"The source is larger than Providers:Media:MaxBytes ({_options.MaxBytes} bytes)."));

    private static ProviderException Refused(string message) => new(ProviderIdentity.Media.Name, message, transient: false);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Stored media {Key} ({Bytes} bytes).")]
    private static partial void LogStored(ILogger logger, string key, long bytes);
}
