using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace JobPlatform.Tests.ProviderSandbox;

/// <summary>The sandbox's CDN (signed, expiring media URLs) and its S3-compatible media store.</summary>
public sealed partial class MediaSandboxTests(SandboxFactory sandbox) : IClassFixture<SandboxFactory>
{
    [Fact]
    public async Task A_profile_picture_url_serves_a_jpeg_on_get_and_its_length_on_head()
    {
        using var client = sandbox.CreateClient();
        var url = await ProfilePictureUrlAsync();

        using var get = await client.GetAsync(url);
        var bytes = await get.Content.ReadAsByteArrayAsync();
        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal("image/jpeg", get.Content.Headers.ContentType!.MediaType);
        Assert.Equal([0xFF, 0xD8], bytes[..2]);
        Assert.Equal([0xFF, 0xD9], bytes[^2..]);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(bytes.Length, head.Content.Headers.ContentLength);
        Assert.Equal(bytes, await client.GetByteArrayAsync(url));
    }

    [Fact]
    public async Task An_expired_or_tampered_url_is_403_as_on_the_real_cdns()
    {
        using var client = sandbox.CreateClient();
        var url = await ProfilePictureUrlAsync();

        using var expired = await client.GetAsync(Expiry().Replace(url, "oe=5F000000"));
        using var tampered = await client.GetAsync(url.Replace("_150x150_", "_151x150_", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Forbidden, expired.StatusCode);
        Assert.Equal("URL signature expired", await expired.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, tampered.StatusCode);
        Assert.Equal("URL signature mismatch", await tampered.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_object_put_with_a_signed_payload_hash_comes_back_on_head_and_get()
    {
        using var client = sandbox.CreateClient();
        var body = RandomNumberGenerator.GetBytes(70_000);

        using var put = await SendAsync(client, HttpMethod.Put, "/s3/media/ig-post/ab/photo.jpg", body, SigV4TestSigner.PayloadHash(body), "image/jpeg");
        using var head = await SendAsync(client, HttpMethod.Head, "/s3/media/ig-post/ab/photo.jpg");
        using var get = await SendAsync(client, HttpMethod.Get, "/s3/media/ig-post/ab/photo.jpg");

        var etag = $"\"{Md5Hex(body)}\"";
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(etag, put.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(body.Length, head.Content.Headers.ContentLength);
        Assert.Equal(etag, head.Headers.ETag!.ToString());
        Assert.Equal("image/jpeg", get.Content.Headers.ContentType!.MediaType);
        Assert.Equal(body, await get.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task An_aws_chunked_upload_with_a_checksum_trailer_is_stored_decoded()
    {
        using var client = sandbox.CreateClient();
        var body = RandomNumberGenerator.GetBytes(100_000);
        var chunked = new MemoryStream();
        foreach (var chunk in body.Chunk(65_536))
        {
            chunked.Write(Encoding.ASCII.GetBytes($"{chunk.Length:x}\r\n"));
            chunked.Write(chunk);
            chunked.Write("\r\n"u8);
        }

        chunked.Write(Encoding.ASCII.GetBytes($"0\r\nx-amz-checksum-crc32:{Crc32Base64(body)}\r\n\r\n"));

        using var put = await SendAsync(client, HttpMethod.Put, "/s3/media/fb-ad-video/clip.mp4", chunked.ToArray(), "STREAMING-UNSIGNED-PAYLOAD-TRAILER", "video/mp4",
            request =>
            {
                request.Content!.Headers.ContentEncoding.Add("aws-chunked");
                request.Headers.Add("x-amz-decoded-content-length", body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
                request.Headers.Add("x-amz-trailer", "x-amz-checksum-crc32");
            });
        using var get = await SendAsync(client, HttpMethod.Get, "/s3/media/fb-ad-video/clip.mp4");

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(Crc32Base64(body), put.Headers.GetValues("x-amz-checksum-crc32").Single());
        Assert.Equal(body, await get.Content.ReadAsByteArrayAsync());
        Assert.Empty(get.Content.Headers.ContentEncoding);
    }

    [Fact]
    public async Task Refusals_and_misses_are_s3_xml_errors()
    {
        using var client = sandbox.CreateClient();
        var body = "hello"u8.ToArray();

        using var wrongKey = await SendAsync(client, HttpMethod.Put, "/s3/media/a.txt", body, SigV4TestSigner.PayloadHash(body), "text/plain", accessKey: "SOMEONEELSE");
        using var wrongSecret = await SendAsync(client, HttpMethod.Put, "/s3/media/a.txt", body, SigV4TestSigner.PayloadHash(body), "text/plain", secretKey: "not-the-secret");
        using var wrongHash = await SendAsync(client, HttpMethod.Put, "/s3/media/a.txt", body, SigV4TestSigner.PayloadHash("other"u8.ToArray()), "text/plain");
        using var wrongChecksum = await SendAsync(client, HttpMethod.Put, "/s3/media/a.txt", body, SigV4TestSigner.PayloadHash(body), "text/plain",
            request => request.Headers.Add("x-amz-checksum-crc32", "AAAAAA=="));
        using var missing = await SendAsync(client, HttpMethod.Get, "/s3/media/never-put.bin");
        using var missingHead = await SendAsync(client, HttpMethod.Head, "/s3/media/never-put.bin");
        using var noBucket = await SendAsync(client, HttpMethod.Get, "/s3/other-bucket/a.txt");

        Assert.Equal((HttpStatusCode.Forbidden, "InvalidAccessKeyId"), (wrongKey.StatusCode, await CodeAsync(wrongKey)));
        Assert.Equal((HttpStatusCode.Forbidden, "SignatureDoesNotMatch"), (wrongSecret.StatusCode, await CodeAsync(wrongSecret)));
        Assert.Equal((HttpStatusCode.BadRequest, "XAmzContentSHA256Mismatch"), (wrongHash.StatusCode, await CodeAsync(wrongHash)));
        Assert.Equal((HttpStatusCode.BadRequest, "BadDigest"), (wrongChecksum.StatusCode, await CodeAsync(wrongChecksum)));
        Assert.Equal((HttpStatusCode.NotFound, "NoSuchKey"), (missing.StatusCode, await CodeAsync(missing)));
        Assert.Equal("application/xml", missing.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, missingHead.StatusCode);
        Assert.Empty(await missingHead.Content.ReadAsByteArrayAsync());
        Assert.Equal((HttpStatusCode.NotFound, "NoSuchBucket"), (noBucket.StatusCode, await CodeAsync(noBucket)));
    }

    private async Task<string> ProfilePictureUrlAsync()
    {
        using var client = sandbox.Apify();
        using var start = await client.PostAsJsonAsync("/apify/v2/acts/apify~instagram-profile-scraper/runs?waitForFinish=10", new { usernames = new[] { "media.tester" } });
        var run = (await start.Content.ReadFromJsonAsync<JsonObject>())!["data"]!;
        var items = await client.GetFromJsonAsync<JsonArray>($"/apify/v2/datasets/{run["defaultDatasetId"]}/items");
        return items![0]!["profilePicUrl"]!.GetValue<string>();
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, byte[]? body = null, string? payloadHash = null,
        string? contentType = null, Action<HttpRequestMessage>? configure = null, string accessKey = SandboxFactory.MediaAccessKey, string secretKey = SandboxFactory.MediaSecretKey)
    {
        var request = new HttpRequestMessage(method, new Uri(client.BaseAddress!, path));
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType!);
        }

        configure?.Invoke(request);
        SigV4TestSigner.Sign(request, payloadHash ?? "UNSIGNED-PAYLOAD", accessKey, secretKey, DateTimeOffset.UtcNow);
        return client.SendAsync(request);
    }

    /// <summary>S3's ETag of a single-part upload: the MD5 of the object, by protocol.</summary>
    private static string Md5Hex(byte[] content)
    {
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        md5.AppendData(content);
        return Convert.ToHexStringLower(md5.GetHashAndReset());
    }

    /// <summary>CRC-32 (IEEE) as S3 writes it, bit by bit: slow and obviously right, apart from the sandbox's table-driven one.</summary>
    private static string Crc32Base64(byte[] content)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var value in content)
        {
            crc ^= value;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        var bytes = BitConverter.GetBytes(~crc);
        Array.Reverse(bytes);
        return Convert.ToBase64String(bytes);
    }

    private static async Task<string> CodeAsync(HttpResponseMessage response) =>
        System.Xml.Linq.XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!.Element("Code")!.Value;

    [GeneratedRegex("oe=[0-9A-F]+")]
    private static partial Regex Expiry();
}
