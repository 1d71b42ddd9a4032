using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace JobPlatform.ProviderSandbox.SyntheticData;

/// <summary>
/// A 64-bit hash of strings that never changes between processes, machines or .NET versions (string.GetHashCode is
/// randomized per process): every synthetic value is derived from one, so replicas and restarts agree.
/// </summary>
internal static class StableHash
{
    private const char Separator = '\u001f';

    public static ulong Of(params ReadOnlySpan<string> parts)
    {
        var text = new StringBuilder();
        foreach (var part in parts)
        {
            text.Append(part).Append(Separator);
        }

        return Of(Encoding.UTF8.GetBytes(text.ToString()));
    }

    public static ulong Of(ReadOnlySpan<byte> bytes) => BinaryPrimitives.ReadUInt64LittleEndian(SHA256.HashData(bytes));
}
