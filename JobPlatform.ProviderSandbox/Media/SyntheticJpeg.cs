using JobPlatform.ProviderSandbox.SyntheticData;

namespace JobPlatform.ProviderSandbox.Media;

/// <summary>
/// A real baseline JPEG of any size, made without an imaging package: each 8×8 block is one flat colour (only the DC
/// coefficient is coded, every AC coefficient is zero), the colours a gradient with some noise drawn from the seed.
/// Any decoder reads it; the same seed and size give the same bytes.
/// </summary>
internal static class SyntheticJpeg
{
    /// <summary>Huffman code lengths and symbols of the standard luminance DC table (JPEG Annex K.3): categories 0 to 11.</summary>
    private static readonly byte[] DcCodeLengths = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0];

    /// <summary>The only AC symbol ever written is end-of-block (0x00), given the one-bit code 0.</summary>
    private static readonly byte[] AcCodeLengths = [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];

    public static byte[] Create(ulong seed, int width, int height)
    {
        var random = new DeterministicRandom(seed);
        var from = (R: random.Next(256), G: random.Next(256), B: random.Next(256));
        var to = (R: random.Next(256), G: random.Next(256), B: random.Next(256));
        var columns = (width + 7) / 8;
        var rows = (height + 7) / 8;
        var output = new MemoryStream();
        WriteHeaders(output, width, height);
        var bits = new BitWriter(output);
        var (dcCodes, dcLengths) = CanonicalCodes(DcCodeLengths);
        Span<int> previous = [0, 0, 0];
        for (var row = 0; row < rows; row++)
        {
            for (var column = 0; column < columns; column++)
            {
                var share = (column + row) / (double)Math.Max(1, columns + rows - 2);
                var noise = random.Next(-10, 11);
                var red = Math.Clamp(from.R + (to.R - from.R) * share + noise, 0, 255);
                var green = Math.Clamp(from.G + (to.G - from.G) * share + noise, 0, 255);
                var blue = Math.Clamp(from.B + (to.B - from.B) * share + noise, 0, 255);
                Span<double> components =
                [
                    0.299 * red + 0.587 * green + 0.114 * blue,
                    128 - 0.168736 * red - 0.331264 * green + 0.5 * blue,
                    128 + 0.5 * red - 0.418688 * green - 0.081312 * blue,
                ];
                for (var component = 0; component < 3; component++)
                {
                    // A flat block's DC coefficient is 8 × (value - 128); the quantization table is all ones.
                    var dc = (int)Math.Round(8 * (components[component] - 128));
                    var difference = dc - previous[component];
                    previous[component] = dc;
                    var category = difference == 0 ? 0 : 32 - int.LeadingZeroCount(Math.Abs(difference));
                    bits.Write(dcCodes[category], dcLengths[category]);
                    if (category > 0)
                    {
                        bits.Write(difference > 0 ? difference : difference + (1 << category) - 1, category);
                    }

                    bits.Write(0, 1);
                }
            }
        }

        bits.Flush();
        output.Write([0xFF, 0xD9]);
        return output.ToArray();
    }

    private static void WriteHeaders(MemoryStream output, int width, int height)
    {
        output.Write([0xFF, 0xD8]);
        output.Write([0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]);
        output.Write([0xFF, 0xDB, 0x00, 0x43, 0x00]);
        output.Write(Enumerable.Repeat((byte)1, 64).ToArray());
        output.Write([0xFF, 0xC0, 0x00, 0x11, 0x08, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, 0x03, 0x01, 0x11, 0x00, 0x02, 0x11, 0x00, 0x03, 0x11, 0x00]);
        output.Write([0xFF, 0xC4, 0x00, 0x31, 0x00]);
        output.Write(DcCodeLengths);
        output.Write([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
        output.Write([0x10]);
        output.Write(AcCodeLengths);
        output.Write([0x00]);
        output.Write([0xFF, 0xDA, 0x00, 0x0C, 0x03, 0x01, 0x00, 0x02, 0x00, 0x03, 0x00, 0x00, 0x3F, 0x00]);
    }

    /// <summary>The canonical Huffman codes of a table's code lengths, by symbol (symbols are 0, 1, 2, ... in order).</summary>
    private static (int[] Codes, int[] Lengths) CanonicalCodes(byte[] countsByLength)
    {
        var codes = new List<int>();
        var lengths = new List<int>();
        var code = 0;
        for (var length = 1; length <= 16; length++)
        {
            for (var count = 0; count < countsByLength[length - 1]; count++)
            {
                codes.Add(code++);
                lengths.Add(length);
            }

            code <<= 1;
        }

        return ([.. codes], [.. lengths]);
    }

    /// <summary>Entropy-coded bits, most significant first, with a 0x00 stuffed after every 0xFF byte.</summary>
    private sealed class BitWriter(MemoryStream output)
    {
        private int _buffer;
        private int _count;

        public void Write(int value, int length)
        {
            for (var bit = length - 1; bit >= 0; bit--)
            {
                _buffer = (_buffer << 1) | ((value >> bit) & 1);
                if (++_count == 8)
                {
                    Emit();
                }
            }
        }

        /// <summary>Pads the last byte with one bits, as the standard asks.</summary>
        public void Flush()
        {
            while (_count != 0)
            {
                Write(1, 1);
            }
        }

        private void Emit()
        {
            output.WriteByte((byte)_buffer);
            if (_buffer == 0xFF)
            {
                output.WriteByte(0x00);
            }

            _buffer = 0;
            _count = 0;
        }
    }
}
