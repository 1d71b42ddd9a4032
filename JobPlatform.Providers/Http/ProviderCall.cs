namespace JobPlatform.Providers.Http;

/// <summary>
/// One kind of request to a provider: its operation (the name in metrics and messages) and how long one attempt of it
/// may take. Carried on the request, where the pipeline's timeout reads it.
/// </summary>
internal sealed record ProviderCall(string Operation, TimeSpan Timeout)
{
    private static readonly HttpRequestOptionsKey<ProviderCall> Key = new("JobPlatform.Providers.Call");

    public void AttachTo(HttpRequestMessage request) => request.Options.Set(Key, this);

    public static ProviderCall? Of(HttpRequestMessage? request) =>
        request is not null && request.Options.TryGetValue(Key, out var call) ? call : null;
}
