using System.Buffers.Binary;
using JobPlatform.ProviderSandbox.SyntheticData;

namespace JobPlatform.ProviderSandbox.Media;

/// <summary>
/// An MP4-looking payload: an ISO base media <c>ftyp</c> box (what file-type sniffers check) and an <c>mdat</c> box of
/// deterministic bytes, sized like a low-bitrate video of the given length. Not playable: nothing in the platform plays
/// videos, it downloads, stores and transcribes them (the sandbox's transcription derives from these bytes).
/// </summary>
internal static class SyntheticVideo
{
    /// <summary>About 200 kbit/s; the sandbox's transcriptions take a file's length in seconds to be its size at this rate.</summary>
    public const int BytesPerSecond = 25_000;

    private static readonly byte[] FileType =
        [0, 0, 0, 32, .. "ftypisom"u8, 0, 0, 2, 0, .. "isomiso2avc1mp41"u8];

    public static byte[] Create(ulong seed, int seconds)
    {
        var content = new byte[FileType.Length + 8 + seconds * BytesPerSecond];
        FileType.CopyTo(content, 0);
        var media = content.AsSpan(FileType.Length);
        BinaryPrimitives.WriteUInt32BigEndian(media, (uint)media.Length);
        "mdat"u8.CopyTo(media[4..]);
        var random = new DeterministicRandom(seed);
        for (var offset = 8; offset < media.Length; offset += 8)
        {
            var word = random.NextUInt64();
            for (var position = 0; position < 8 && offset + position < media.Length; position++)
            {
                media[offset + position] = (byte)(word >> (8 * position));
            }
        }

        return content;
    }
}
