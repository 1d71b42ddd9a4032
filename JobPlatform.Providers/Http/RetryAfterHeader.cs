namespace JobPlatform.Providers.Http;

/// <summary>The standard <c>Retry-After</c> header: seconds, or an HTTP date.</summary>
internal static class RetryAfterHeader
{
    public static TimeSpan? Read(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        // The server's date is wall-clock time, so it is compared with the wall clock, not the platform's TimeProvider.
        { Date: { } date } => date - DateTimeOffset.UtcNow is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };
}
