using Amazon.Runtime;
using JobPlatform.Providers.Http;

namespace JobPlatform.Providers.Media;

/// <summary>
/// Gives the S3 client the Media HttpClient: its requests go through the provider's pipeline (and circuit) and service
/// discovery like the downloads. The factory owns the handlers, so the SDK neither caches nor keeps its clients.
/// </summary>
internal sealed class S3HttpClientFactory(IHttpClientFactory httpClients) : HttpClientFactory
{
    public override HttpClient CreateHttpClient(IClientConfig clientConfig) => httpClients.CreateClient(ProviderIdentity.Media.Name);

    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => true;
}
