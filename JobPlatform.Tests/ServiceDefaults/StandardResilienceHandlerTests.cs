using System.Net;
using JobPlatform.ServiceDefaults.Resilience;

namespace JobPlatform.Tests.ServiceDefaults;

public sealed class StandardResilienceHandlerTests
{
    [Fact]
    public async Task Transient_failures_are_retried_until_success()
    {
        var downstream = new ScriptedHandler(HttpStatusCode.ServiceUnavailable, HttpStatusCode.TooManyRequests, HttpStatusCode.OK);
        using var client = Client(downstream);

        using var response = await client.GetAsync("http://downstream/thing");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, downstream.Calls);
    }

    [Fact]
    public async Task A_client_error_is_returned_at_once()
    {
        var downstream = new ScriptedHandler(HttpStatusCode.BadRequest, HttpStatusCode.OK);
        using var client = Client(downstream);

        using var response = await client.GetAsync("http://downstream/thing");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(1, downstream.Calls);
    }

    [Fact]
    public async Task Retries_stop_after_three()
    {
        var downstream = new ScriptedHandler(Enumerable.Repeat(HttpStatusCode.BadGateway, 10).ToArray());
        using var client = Client(downstream);

        using var response = await client.GetAsync("http://downstream/thing");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal(4, downstream.Calls);
    }

    private static HttpClient Client(HttpMessageHandler downstream) =>
        new(new StandardResilienceHandler(new StandardResiliencePipelines { Options = new() { RetryDelay = TimeSpan.FromMilliseconds(1) } })
        {
            InnerHandler = downstream,
        });

    /// <summary>The downstream service: answers each call with the next scripted status.</summary>
    private sealed class ScriptedHandler(params HttpStatusCode[] statuses) : HttpMessageHandler
    {
        public int Calls { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(statuses[Calls++]));
    }
}
