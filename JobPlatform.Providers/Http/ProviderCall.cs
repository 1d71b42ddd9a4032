namespace JobPlatform.Providers.Http;

/// <summary>
/// One kind of request to a provider: its operation (the name in metrics and messages), how long one attempt of it may
/// take, and whether sending it again is harmless. Carried on the request, where the pipeline reads them.
/// </summary>
/// <param name="Repeatable">
/// False for a request whose effect must not happen twice (starting a paid actor run): after a timeout or an ambiguous
/// server error it may have taken effect, so it is retried only when the provider said it did nothing (a rate limit, a
/// 503) or when no connection was made.
/// </param>
internal sealed record ProviderCall(string Operation, TimeSpan Timeout, bool Repeatable = true)
{
    private static readonly HttpRequestOptionsKey<ProviderCall> Key = new("JobPlatform.Providers.Call");

    public void AttachTo(HttpRequestMessage request) => request.Options.Set(Key, this);

    public static ProviderCall? Of(HttpRequestMessage? request) =>
        request is not null && request.Options.TryGetValue(Key, out var call) ? call : null;
}
