using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using JobPlatform.ProviderSandbox.Control;
using Microsoft.Extensions.Options;

namespace JobPlatform.ProviderSandbox.Media;

/// <summary>
/// The media store's objects on disk, under the data directory: one folder per bucket, each object a file named by the
/// hash of its key (any key is safe as a name) and its headers beside it. Bucket <c>media</c> exists from the start.
/// Replicas on the machine share it; an upload is written aside and moved in place, so a reader never sees half of one.
/// </summary>
internal sealed partial class ObjectStore
{
    public const string DefaultBucket = "media";

    private readonly string _root;

    public ObjectStore(IOptions<SandboxOptions> options)
    {
        _root = Directory.CreateDirectory(Path.Combine(options.Value.DataDirectory, "s3")).FullName;
        Directory.CreateDirectory(Path.Combine(_root, DefaultBucket));
    }

    public bool BucketExists(string bucket) => BucketName().IsMatch(bucket) && Directory.Exists(Path.Combine(_root, bucket));

    /// <summary>A file in the bucket's folder for an upload in progress, to pass to <see cref="CommitAsync"/>.</summary>
    public string TemporaryFile(string bucket) => Path.Combine(_root, bucket, $"{Guid.NewGuid():N}.upload");

    public async Task CommitAsync(StoredObject stored, string temporaryFile, CancellationToken cancellationToken)
    {
        var metadata = $"{DataPath(stored.Bucket, stored.Key)}.json";
        var metadataAside = $"{metadata}.{Guid.NewGuid():N}.tmp";
        await File.WriteAllBytesAsync(metadataAside, JsonSerializer.SerializeToUtf8Bytes(stored), cancellationToken);
        File.Move(temporaryFile, DataPath(stored.Bucket, stored.Key), overwrite: true);
        File.Move(metadataAside, metadata, overwrite: true);
    }

    public async Task<StoredObject?> FindAsync(string bucket, string key, CancellationToken cancellationToken)
    {
        var metadata = $"{DataPath(bucket, key)}.json";
        if (!File.Exists(metadata))
        {
            return null;
        }

        await using var stream = File.OpenRead(metadata);
        return await JsonSerializer.DeserializeAsync<StoredObject>(stream, cancellationToken: cancellationToken);
    }

    public Stream OpenRead(StoredObject stored) => File.OpenRead(DataPath(stored.Bucket, stored.Key));

    private string DataPath(string bucket, string key) =>
        Path.Combine(_root, bucket, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))));

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")]
    private static partial Regex BucketName();
}
