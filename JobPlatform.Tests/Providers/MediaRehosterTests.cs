using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Amazon.Runtime;
using Amazon.S3;
using JobPlatform.Providers;
using JobPlatform.Providers.Apify;
using JobPlatform.Providers.Media;
using JobPlatform.Tests.Infrastructure;

namespace JobPlatform.Tests.Providers;

/// <summary>
/// Re-hosting against the sandbox's CDN (signed, expiring URLs) and its S3 store (which checks every SigV4 signature):
/// the file is stored once under the SHA-256 of its bytes, whatever the retries.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed partial class MediaRehosterTests(AppHostFixture fixture) : IAsyncLifetime
{
    private readonly ProviderSandbox _sandbox = new(fixture.App);

    // The sandbox keeps its objects across runs: each test stores under a prefix of its own.
    private readonly string _prefix = $"test-{Guid.NewGuid():N}";

    public Task InitializeAsync() => _sandbox.ResetAsync();

    public Task DisposeAsync() => _sandbox.ResetAsync();

    [Fact]
    public async Task A_file_is_copied_from_the_CDN_into_the_store_once_and_found_there_the_second_time()
    {
        await using var clients = await ProviderClients.StartAsync(_sandbox);
        var source = await ProfilePictureAsync(clients);
        var rehoster = clients.Get<MediaRehoster>();

        var first = await rehoster.RehostAsync(source, _prefix);
        var second = await rehoster.RehostAsync(source, _prefix);

        Assert.False(first.AlreadyStored);
        Assert.True(second.AlreadyStored);
        Assert.Equal(first with { AlreadyStored = true }, second);
        Assert.Matches(StoredKey(), first.Key);
        Assert.StartsWith($"{_prefix}/{first.Sha256[..2]}/{first.Sha256}", first.Key);
        Assert.Equal(new Uri($"{_sandbox.Url}/s3/media/{first.Key}"), first.Url);
        Assert.Equal("image/jpeg", first.ContentType);
        Assert.Equal(first.Sha256, await StoredSha256Async(first.Key));
        Assert.Equal(2, await _sandbox.CallsAsync("cdn", "get"));
        Assert.Equal(2, await _sandbox.CallsAsync("s3", "head"));
        Assert.Equal(1, await _sandbox.CallsAsync("s3", "put"));
    }

    [Fact]
    public async Task A_failed_upload_is_retried_with_the_same_bytes()
    {
        await using var clients = await ProviderClients.StartAsync(_sandbox);
        var source = await ProfilePictureAsync(clients);
        await _sandbox.AddFaultAsync(SandboxFault.WithStatus("s3", "put", 503));

        var rehosted = await clients.Get<MediaRehoster>().RehostAsync(source, _prefix);

        Assert.Equal(2, await _sandbox.CallsAsync("s3", "put"));
        Assert.Equal(rehosted.Sha256, await StoredSha256Async(rehosted.Key));
    }

    [Fact]
    public async Task An_expired_source_URL_is_refused_without_asking_the_CDN()
    {
        await using var clients = await ProviderClients.StartAsync(_sandbox);
        var source = await ProfilePictureAsync(clients);
        var expired = new Uri(Expiry().Replace(source.AbsoluteUri, "oe=5F5E1000"));

        var failure = await Assert.ThrowsAsync<ProviderException>(() => clients.Get<MediaRehoster>().RehostAsync(expired, _prefix));

        Assert.False(failure.Transient);
        Assert.Equal("The source URL expired at 2020-09-13 12:26:40Z: fetch a fresh one from its provider.", failure.Message);
        Assert.Equal(0, await _sandbox.CallsAsync("cdn", "get"));
    }

    [Fact]
    public async Task A_file_larger_than_the_limit_is_refused_and_not_stored()
    {
        await using var clients = await ProviderClients.StartAsync(_sandbox, ("Providers:Media:MaxBytes", "100"));
        var source = await ProfilePictureAsync(clients);

        var failure = await Assert.ThrowsAsync<ProviderException>(() => clients.Get<MediaRehoster>().RehostAsync(source, _prefix));

        Assert.False(failure.Transient);
        Assert.Equal("The source is larger than Providers:Media:MaxBytes (100 bytes).", failure.Message);
        Assert.Equal(0, await _sandbox.CallsAsync("s3", "head") + await _sandbox.CallsAsync("s3", "put"));
    }

    [Fact]
    public async Task A_CDN_error_is_retried_and_a_missing_file_is_not()
    {
        await using var clients = await ProviderClients.StartAsync(_sandbox);
        var source = await ProfilePictureAsync(clients);
        var rehoster = clients.Get<MediaRehoster>();

        await _sandbox.AddFaultAsync(SandboxFault.WithStatus("cdn", "get", 503));
        await rehoster.RehostAsync(source, _prefix);
        await _sandbox.AddFaultAsync(SandboxFault.WithStatus("cdn", "get", 404));
        var failure = await Assert.ThrowsAsync<ProviderException>(() => rehoster.RehostAsync(source, _prefix));

        Assert.False(failure.Transient);
        Assert.Equal("Media re-hosting refused get (404).", failure.Message);
        Assert.Equal(3, await _sandbox.CallsAsync("cdn", "get"));
    }

    private static async Task<Uri> ProfilePictureAsync(ProviderClients clients) =>
        new((await clients.Get<ApifyClient>().GetProfilesAsync(["nasa"]))[0].ProfilePicUrl!);

    /// <summary>The SHA-256 of what the store holds under <paramref name="key"/>, read back with a client of the test's own.</summary>
    private async Task<string> StoredSha256Async(string key)
    {
        var configuration = _sandbox.Configuration();
        using var store = new AmazonS3Client(new BasicAWSCredentials(configuration["Providers:Media:AccessKey"], configuration["Providers:Media:SecretKey"]),
            new AmazonS3Config { ServiceURL = $"{_sandbox.Url}/s3", ForcePathStyle = true, AuthenticationRegion = "us-east-1" });
        using var stored = await store.GetObjectAsync("media", key);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stored.ResponseStream));
    }

    [GeneratedRegex("^test-[0-9a-f]{32}/[0-9a-f]{2}/[0-9a-f]{64}\\.jpg$")]
    private static partial Regex StoredKey();

    [GeneratedRegex("oe=[0-9A-Fa-f]+")]
    private static partial Regex Expiry();
}
