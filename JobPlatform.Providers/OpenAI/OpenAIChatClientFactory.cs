using System.ClientModel;
using System.ClientModel.Primitives;
using JobPlatform.Providers.Http;
using Microsoft.Extensions.AI;

namespace JobPlatform.Providers.OpenAI;

/// <summary>
/// OpenAI's chat completions as an <see cref="IChatClient"/> (the OpenAI SDK under Microsoft.Extensions.AI), sent
/// through the provider's own HttpClient: its base URL (any OpenAI-compatible server), its key, its retries, its circuit
/// and its attempt timeout. The SDK's own retries are off: the provider's pipeline is the one that knows OpenAI's faults.
/// </summary>
internal static class OpenAIChatClientFactory
{
    public static IChatClient Create(IHttpClientFactory httpClients, OpenAIOptions options)
    {
        var sdkOptions = new global::OpenAI.OpenAIClientOptions
        {
            Endpoint = options.BaseAddress,
            Transport = new HttpClientPipelineTransport(httpClients.CreateClient(ProviderIdentity.OpenAI.Name)),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            // The pipeline times each attempt (RequestTimeout); the SDK's own 100 s would only cut a retried call short.
            NetworkTimeout = Timeout.InfiniteTimeSpan,
        };
        return new global::OpenAI.Chat.ChatClient(options.ChatModel, new ApiKeyCredential(options.ApiKey!), sdkOptions).AsIChatClient();
    }
}
