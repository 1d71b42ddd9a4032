using System.Globalization;
using System.Text;

namespace JobPlatform.ProviderSandbox.Media;

/// <summary>
/// Decodes an <c>aws-chunked</c> body (what AWS SDKs send for streaming uploads): chunks of
/// <c>hex-size[;chunk-signature=sig]\r\n data \r\n</c>, a last chunk of size 0, then optional trailing headers (a
/// checksum, a trailer signature) and an empty line. Each chunk's data goes to <paramref name="onChunk"/> with its
/// signature, so the caller checks the chain.
/// </summary>
internal sealed class AwsChunkedDecoder(Stream body)
{
    private const int MaxLineBytes = 8 * 1024;
    private const string SignatureExtension = "chunk-signature=";

    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;

    /// <summary>Reads every chunk; returns the trailing headers, in order, or null when the body is not well-formed.</summary>
    public async Task<List<KeyValuePair<string, string>>?> DecodeAsync(Func<ReadOnlyMemory<byte>, string?, Task<bool>> onChunk, CancellationToken cancellationToken)
    {
        while (true)
        {
            var header = await ReadLineAsync(cancellationToken);
            if (header is null)
            {
                return null;
            }

            var separator = header.IndexOf(';', StringComparison.Ordinal);
            var sizeText = separator < 0 ? header : header[..separator];
            string? signature = null;
            if (separator >= 0 && header[(separator + 1)..].StartsWith(SignatureExtension, StringComparison.Ordinal))
            {
                signature = header[(separator + 1 + SignatureExtension.Length)..];
            }

            if (!int.TryParse(sizeText, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var size) || size < 0)
            {
                return null;
            }

            var data = new byte[size];
            if (!await ReadExactlyAsync(data, cancellationToken))
            {
                return null;
            }

            if (!await onChunk(data, signature))
            {
                return null;
            }

            if (size == 0)
            {
                return await ReadTrailersAsync(cancellationToken);
            }

            if (await ReadLineAsync(cancellationToken) is not "")
            {
                return null;
            }
        }
    }

    private async Task<List<KeyValuePair<string, string>>?> ReadTrailersAsync(CancellationToken cancellationToken)
    {
        var trailers = new List<KeyValuePair<string, string>>();
        while (await ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                return trailers;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                return null;
            }

            trailers.Add(new(line[..colon].Trim().ToLowerInvariant(), line[(colon + 1)..].Trim()));
        }

        // Some clients end the body right after the trailers, without the closing empty line.
        return trailers;
    }

    /// <summary>A line ended by CRLF, without it; null at the end of the body or past the length limit.</summary>
    private async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        var line = new List<byte>();
        while (await FillAsync(cancellationToken))
        {
            var next = _buffer[_start++];
            if (next == '\n' && line.Count > 0 && line[^1] == '\r')
            {
                return Encoding.ASCII.GetString([.. line], 0, line.Count - 1);
            }

            line.Add(next);
            if (line.Count > MaxLineBytes)
            {
                return null;
            }
        }

        return null;
    }

    private async Task<bool> ReadExactlyAsync(byte[] destination, CancellationToken cancellationToken)
    {
        var copied = 0;
        while (copied < destination.Length && await FillAsync(cancellationToken))
        {
            var count = Math.Min(destination.Length - copied, _end - _start);
            _buffer.AsSpan(_start, count).CopyTo(destination.AsSpan(copied));
            _start += count;
            copied += count;
        }

        return copied == destination.Length;
    }

    /// <summary>Whether buffered bytes are there to read, reading more from the body when none are left.</summary>
    private async Task<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (_start < _end)
        {
            return true;
        }

        _start = 0;
        _end = await body.ReadAsync(_buffer, cancellationToken);
        return _end > 0;
    }
}
