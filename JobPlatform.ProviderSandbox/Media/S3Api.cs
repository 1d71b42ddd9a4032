using System.Globalization;
using System.Security.Cryptography;
using JobPlatform.ProviderSandbox.Control;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace JobPlatform.ProviderSandbox.Media;

/// <summary>
/// The media store under <c>/s3</c>: S3's REST API, path-style (<c>/s3/{bucket}/{key}</c>), the subset re-hosting
/// needs: PutObject, HeadObject, GetObject. Uploads may be plain, signed by payload hash, UNSIGNED-PAYLOAD, or
/// aws-chunked streams (signed chunks or unsigned with trailers), which is what AWS SDKs send.
/// </summary>
internal static class S3Api
{
    /// <summary>S3's ceiling for a single PUT.</summary>
    private const long MaxObjectBytes = 5L * 1024 * 1024 * 1024;

    private const string UnsignedPayload = "UNSIGNED-PAYLOAD";
    private const string StreamingUnsignedTrailer = "STREAMING-UNSIGNED-PAYLOAD-TRAILER";
    private const string StreamingSigned = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";
    private const string StreamingSignedTrailer = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER";
    private const string TrailerSignatureName = "x-amz-trailer-signature";
    private const string UserMetadataPrefix = "x-amz-meta-";

    public static RouteGroupBuilder MapS3Api(this IEndpointRouteBuilder app)
    {
        var api = app.MapProviderGroup<S3Dialect>("/s3");
        api.MapPut("/{bucket}/{**key}", PutObject).IsOperation(ProviderCatalog.S3, "put").WithMetadata(new RequestSizeLimitAttribute(MaxObjectBytes));
        api.MapMethods("/{bucket}/{**key}", [HttpMethods.Head], HeadObject).IsOperation(ProviderCatalog.S3, "head");
        api.MapGet("/{bucket}/{**key}", GetObject).IsOperation(ProviderCatalog.S3, "get");
        return api;
    }

    public static async Task<Results<Ok, ContentHttpResult>> PutObject(string bucket, string key, HttpContext http, ObjectStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!store.BucketExists(bucket))
        {
            return S3Errors.NoSuchBucket(http, bucket);
        }

        var request = http.Request;
        var payloadMode = request.Headers["x-amz-content-sha256"].ToString();
        var temporaryFile = store.TemporaryFile(bucket);
        try
        {
            using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
            using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            using var sha1 = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
            var crc32 = Crc32.Ieee();
            var crc32c = Crc32.Castagnoli();
            long length = 0;
            ContentHttpResult? refusal;
            List<KeyValuePair<string, string>> trailers = [];
            await using (var file = File.Create(temporaryFile))
            {
                async Task WriteAsync(ReadOnlyMemory<byte> data)
                {
                    md5.AppendData(data.Span);
                    sha256.AppendData(data.Span);
                    sha1.AppendData(data.Span);
                    crc32.Append(data.Span);
                    crc32c.Append(data.Span);
                    length += data.Length;
                    await file.WriteAsync(data, cancellationToken);
                }

                refusal = payloadMode is StreamingUnsignedTrailer or StreamingSigned or StreamingSignedTrailer
                    ? await DecodeChunkedAsync(http, payloadMode, WriteAsync, trailers, cancellationToken)
                    : await CopyAsync(request.Body, WriteAsync, cancellationToken);
            }

            var sha256Hash = sha256.GetHashAndReset();
            var computedChecksums = new Dictionary<string, string>
            {
                ["x-amz-checksum-crc32"] = crc32.Base64(),
                ["x-amz-checksum-crc32c"] = crc32c.Base64(),
                ["x-amz-checksum-sha1"] = Convert.ToBase64String(sha1.GetHashAndReset()),
                ["x-amz-checksum-sha256"] = Convert.ToBase64String(sha256Hash),
            };
            var content = (Md5: md5.GetHashAndReset(), Sha256: sha256Hash);
            refusal ??= CheckContent(http, payloadMode, length, content.Md5, content.Sha256)
                ?? CheckChecksums(http, computedChecksums, trailers);
            if (refusal is not null)
            {
                return refusal;
            }

            var etag = $"\"{Convert.ToHexStringLower(content.Md5)}\"";
            var encodings = request.Headers.ContentEncoding.ToString().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Where(encoding => !encoding.Equals("aws-chunked", StringComparison.OrdinalIgnoreCase)).ToList();
            var stored = new StoredObject(
                bucket,
                key,
                request.ContentType is { Length: > 0 } contentType ? contentType : "binary/octet-stream",
                encodings.Count > 0 ? string.Join(',', encodings) : null,
                length,
                etag,
                time.GetUtcNow(),
                request.Headers.Where(header => header.Key.StartsWith(UserMetadataPrefix, StringComparison.OrdinalIgnoreCase))
                    .ToDictionary(header => header.Key.ToLowerInvariant(), header => header.Value.ToString()));
            await store.CommitAsync(stored, temporaryFile, cancellationToken);
            http.Response.Headers.ETag = etag;
            return TypedResults.Ok();
        }
        finally
        {
            File.Delete(temporaryFile);
        }
    }

    public static async Task<Results<EmptyHttpResult, ContentHttpResult>> HeadObject(string bucket, string key, HttpContext http, ObjectStore store, CancellationToken cancellationToken)
    {
        if (!store.BucketExists(bucket))
        {
            return S3Errors.NoSuchBucket(http, bucket);
        }

        if (await store.FindAsync(bucket, key, cancellationToken) is not { } stored)
        {
            return S3Errors.NoSuchKey(http, key);
        }

        WriteObjectHeaders(http.Response, stored);
        http.Response.ContentLength = stored.ContentLength;
        http.Response.ContentType = stored.ContentType;
        http.Response.Headers.ETag = stored.ETag;
        http.Response.Headers.LastModified = stored.LastModified.ToString("R", CultureInfo.InvariantCulture);
        return TypedResults.Empty;
    }

    public static async Task<Results<FileStreamHttpResult, ContentHttpResult>> GetObject(string bucket, string key, HttpContext http, ObjectStore store, CancellationToken cancellationToken)
    {
        if (!store.BucketExists(bucket))
        {
            return S3Errors.NoSuchBucket(http, bucket);
        }

        if (await store.FindAsync(bucket, key, cancellationToken) is not { } stored)
        {
            return S3Errors.NoSuchKey(http, key);
        }

        WriteObjectHeaders(http.Response, stored);
        return TypedResults.File(store.OpenRead(stored), stored.ContentType, lastModified: stored.LastModified,
            entityTag: EntityTagHeaderValue.Parse(stored.ETag), enableRangeProcessing: true);
    }

    private static void WriteObjectHeaders(HttpResponse response, StoredObject stored)
    {
        response.Headers.AcceptRanges = "bytes";
        if (stored.ContentEncoding is not null)
        {
            response.Headers.ContentEncoding = stored.ContentEncoding;
        }

        foreach (var (name, value) in stored.UserMetadata)
        {
            response.Headers[name] = value;
        }
    }

    private static async Task<ContentHttpResult?> CopyAsync(Stream body, Func<ReadOnlyMemory<byte>, Task> write, CancellationToken cancellationToken)
    {
        var buffer = new byte[81_920];
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            await write(buffer.AsMemory(0, read));
        }

        return null;
    }

    /// <summary>
    /// An aws-chunked body, decoded; in the signed modes each chunk's signature is checked against the chain that
    /// starts at the header's signature, and the trailers' signature after the last chunk.
    /// </summary>
    private static async Task<ContentHttpResult?> DecodeChunkedAsync(HttpContext http, string payloadMode, Func<ReadOnlyMemory<byte>, Task> write,
        List<KeyValuePair<string, string>> trailersRead, CancellationToken cancellationToken)
    {
        var verified = http.Features.Get<VerifiedSignature>() ?? throw new InvalidOperationException("The S3 gate checks the signature before any upload.");
        var signed = payloadMode is StreamingSigned or StreamingSignedTrailer;
        var previousSignature = verified.Authorization.Signature;
        var badSignature = false;
        var trailers = await new AwsChunkedDecoder(http.Request.Body).DecodeAsync(async (chunk, signature) =>
        {
            if (signed)
            {
                var expected = verified.Authorization.ChunkSignature(verified.SigningKey, verified.AmzDate, previousSignature, chunk.Span);
                if (signature is null || !SigV4Authorization.SameSignature(expected, signature))
                {
                    badSignature = true;
                    return false;
                }

                previousSignature = expected;
            }

            await write(chunk);
            return true;
        }, cancellationToken);
        if (badSignature)
        {
            return S3Errors.Error(http, StatusCodes.Status403Forbidden, "SignatureDoesNotMatch", "A chunk signature does not match the one calculated for it.");
        }

        if (trailers is null)
        {
            return S3Errors.Error(http, StatusCodes.Status400BadRequest, "IncompleteBody", "The aws-chunked request body is malformed or ended unexpectedly.");
        }

        trailersRead.AddRange(trailers);
        if (payloadMode == StreamingSignedTrailer)
        {
            var signature = trailers.FirstOrDefault(trailer => trailer.Key == TrailerSignatureName).Value;
            var canonicalTrailers = string.Concat(trailers.Where(trailer => trailer.Key != TrailerSignatureName).Select(trailer => $"{trailer.Key}:{trailer.Value}\n"));
            if (signature is null || !SigV4Authorization.SameSignature(
                    verified.Authorization.TrailerSignature(verified.SigningKey, verified.AmzDate, previousSignature, canonicalTrailers), signature))
            {
                return S3Errors.Error(http, StatusCodes.Status403Forbidden, "SignatureDoesNotMatch", "The trailer signature does not match the one calculated for it.");
            }
        }

        return null;
    }

    /// <summary>
    /// The additional checksums a client sent, in a header or a trailer (<c>x-amz-checksum-crc32</c> by default for AWS
    /// SDKs), against the received bytes; CRC-64/NVME is accepted unchecked. A checked one is echoed, as S3 does.
    /// </summary>
    private static ContentHttpResult? CheckChecksums(HttpContext http, Dictionary<string, string> computed, List<KeyValuePair<string, string>> trailers)
    {
        var sent = http.Request.Headers.Where(header => header.Key.StartsWith("x-amz-checksum-", StringComparison.OrdinalIgnoreCase))
            .Select(header => KeyValuePair.Create(header.Key.ToLowerInvariant(), header.Value.ToString()))
            .Concat(trailers.Where(trailer => trailer.Key.StartsWith("x-amz-checksum-", StringComparison.Ordinal)));
        foreach (var (name, value) in sent)
        {
            if (!computed.TryGetValue(name, out var expected))
            {
                continue;
            }

            if (value != expected)
            {
                return S3Errors.Error(http, StatusCodes.Status400BadRequest, "BadDigest",
                    $"The {name["x-amz-checksum-".Length..].ToUpperInvariant()} you specified did not match the calculated checksum.");
            }

            http.Response.Headers[name] = value;
        }

        return null;
    }

    /// <summary>The checks S3 makes of what it received: the announced decoded length, Content-MD5, the signed payload hash.</summary>
    private static ContentHttpResult? CheckContent(HttpContext http, string payloadMode, long length, byte[] md5, byte[] sha256)
    {
        var headers = http.Request.Headers;
        if (headers["x-amz-decoded-content-length"] is { Count: > 0 } decodedLength && decodedLength != length.ToString(CultureInfo.InvariantCulture))
        {
            return S3Errors.Error(http, StatusCodes.Status400BadRequest, "IncompleteBody", "You did not provide the number of bytes specified by the x-amz-decoded-content-length header.");
        }

        if (headers.ContentMD5 is { Count: > 0 } contentMd5 && contentMd5 != Convert.ToBase64String(md5))
        {
            return S3Errors.Error(http, StatusCodes.Status400BadRequest, "BadDigest", "The Content-MD5 you specified did not match what we received.");
        }

        if (length > MaxObjectBytes)
        {
            return S3Errors.Error(http, StatusCodes.Status400BadRequest, "EntityTooLarge", "Your proposed upload exceeds the maximum allowed object size.");
        }

        var signedHash = payloadMode is not (UnsignedPayload or StreamingUnsignedTrailer or StreamingSigned or StreamingSignedTrailer);
        return signedHash && !string.Equals(payloadMode, Convert.ToHexStringLower(sha256), StringComparison.OrdinalIgnoreCase)
            ? S3Errors.Error(http, StatusCodes.Status400BadRequest, "XAmzContentSHA256Mismatch", "The provided 'x-amz-content-sha256' header does not match what was computed.")
            : null;
    }
}
