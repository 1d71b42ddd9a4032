using System.Text.Json;

namespace JobPlatform.Providers.Http;

/// <summary>A provider's error body, read at most once into a buffer: the classifier and the client can both read it.</summary>
internal static class ErrorBody
{
    // Error bodies are small; a larger one is not an error envelope, and is not worth waiting for.
    private const int MaxBytes = 64 * 1024;
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The body as <typeparamref name="T"/>, or null when it is missing, too large, slow or not that JSON.</summary>
    public static async ValueTask<T?> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken) where T : class
    {
        using var reading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        reading.CancelAfter(ReadTimeout);
        try
        {
            await response.Content.LoadIntoBufferAsync(MaxBytes, reading.Token);
            // As bytes: a buffered content's stream is one, closed by the first reader; its bytes can be read again and again.
            return JsonSerializer.Deserialize<T>(await response.Content.ReadAsByteArrayAsync(reading.Token), ProviderJson.Options);
        }
        // InvalidOperationException: a body that an earlier classification of the same answer could not buffer (too
        // large, too slow) is consumed; it reads as none again, as it did then. IOException: it broke off.
        catch (Exception exception) when (exception is JsonException or HttpRequestException or NotSupportedException
            or InvalidOperationException or IOException
            || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return null;
        }
    }
}
