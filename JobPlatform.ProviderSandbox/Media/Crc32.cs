using System.Buffers.Binary;

namespace JobPlatform.ProviderSandbox.Media;

/// <summary>
/// CRC-32 (IEEE, the zip and Ethernet one) and CRC-32C (Castagnoli): the checksums AWS SDKs send with uploads by
/// default. The framework has neither without a package, and a table-driven one is a few lines.
/// </summary>
internal sealed class Crc32
{
    private static readonly uint[] IeeeTable = Table(0xEDB88320);
    private static readonly uint[] CastagnoliTable = Table(0x82F63B78);

    private readonly uint[] _table;
    private uint _crc = 0xFFFFFFFF;

    private Crc32(uint[] table) => _table = table;

    public static Crc32 Ieee() => new(IeeeTable);

    public static Crc32 Castagnoli() => new(CastagnoliTable);

    public void Append(ReadOnlySpan<byte> data)
    {
        foreach (var value in data)
        {
            _crc = _table[(_crc ^ value) & 0xFF] ^ (_crc >> 8);
        }
    }

    /// <summary>The checksum as S3 writes it: the four bytes, big-endian, in base64.</summary>
    public string Base64()
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, ~_crc);
        return Convert.ToBase64String(bytes);
    }

    private static uint[] Table(uint polynomial)
    {
        var table = new uint[256];
        for (uint index = 0; index < table.Length; index++)
        {
            var entry = index;
            for (var bit = 0; bit < 8; bit++)
            {
                entry = (entry & 1) != 0 ? (entry >> 1) ^ polynomial : entry >> 1;
            }

            table[index] = entry;
        }

        return table;
    }
}
