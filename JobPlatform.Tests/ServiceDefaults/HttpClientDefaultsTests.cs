using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace JobPlatform.Tests.ServiceDefaults;

/// <summary>
/// What our services rely on from every HttpClient that <c>AddServiceDefaults</c> configures: transient failures are
/// retried (honouring Retry-After), client errors are not, and a service name resolves to the endpoint an AppHost passes.
/// Downstream answers carry <c>Retry-After: 0</c> so that retries do not wait the standard backoff.
/// </summary>
public sealed class HttpClientDefaultsTests
{
    private static readonly TimeSpan NoWait = TimeSpan.Zero;

    [Fact]
    public async Task Transient_failures_are_retried_until_success()
    {
        var downstream = new ScriptedHandler(Answer(HttpStatusCode.ServiceUnavailable, NoWait), Answer(HttpStatusCode.TooManyRequests, NoWait), Answer(HttpStatusCode.OK));
        using var host = Host(downstream);

        using var response = await Client(host).GetAsync("http://downstream/thing");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, downstream.Calls);
    }

    [Fact]
    public async Task A_retry_waits_as_long_as_Retry_After_asks()
    {
        var downstream = new ScriptedHandler(Answer(HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(1)), Answer(HttpStatusCode.OK));
        using var host = Host(downstream);

        using var response = await Client(host).GetAsync("http://downstream/thing");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.InRange(downstream.CallTimes[1] - downstream.CallTimes[0], TimeSpan.FromMilliseconds(900), TimeSpan.FromSeconds(1.9));
    }

    [Fact]
    public async Task A_client_error_is_returned_at_once()
    {
        var downstream = new ScriptedHandler(Answer(HttpStatusCode.BadRequest), Answer(HttpStatusCode.OK));
        using var host = Host(downstream);

        using var response = await Client(host).GetAsync("http://downstream/thing");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(1, downstream.Calls);
    }

    [Fact]
    public async Task Retries_stop_after_three()
    {
        var downstream = new ScriptedHandler(Enumerable.Range(0, 10).Select(_ => Answer(HttpStatusCode.BadGateway, NoWait)).ToArray());
        using var host = Host(downstream);

        using var response = await Client(host).GetAsync("http://downstream/thing");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal(4, downstream.Calls);
    }

    [Fact]
    public async Task A_service_name_resolves_to_the_endpoint_the_AppHost_passes()
    {
        var downstream = new ScriptedHandler(Answer(HttpStatusCode.OK));
        using var host = Host(downstream, ("services:api:http:0", "http://127.0.0.1:5123"));

        using var response = await Client(host).GetAsync("http://api/api/v1/jobs");

        Assert.Equal(new Uri("http://127.0.0.1:5123/api/v1/jobs"), downstream.RequestUris.Single());
    }

    private static IHost Host(ScriptedHandler downstream, params (string Key, string Value)[] configuration)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(configuration.Select(setting => KeyValuePair.Create(setting.Key, (string?)setting.Value)));
        builder.AddServiceDefaults();
        builder.Services.AddHttpClient("downstream").ConfigurePrimaryHttpMessageHandler(() => downstream);
        return builder.Build();
    }

    private static HttpClient Client(IHost host) =>
        host.Services.GetRequiredService<IHttpClientFactory>().CreateClient("downstream");

    private static Func<HttpResponseMessage> Answer(HttpStatusCode status, TimeSpan? retryAfter = null) => () =>
    {
        var response = new HttpResponseMessage(status);
        if (retryAfter is { } delay)
        {
            response.Headers.RetryAfter = new RetryConditionHeaderValue(delay);
        }

        return response;
    };

    /// <summary>The downstream service: answers each call with the next scripted response.</summary>
    private sealed class ScriptedHandler(params Func<HttpResponseMessage>[] answers) : HttpMessageHandler
    {
        private readonly Stopwatch _sinceCreated = Stopwatch.StartNew();

        public int Calls => CallTimes.Count;

        public List<TimeSpan> CallTimes { get; } = [];

        public List<Uri?> RequestUris { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            CallTimes.Add(_sinceCreated.Elapsed);
            RequestUris.Add(request.RequestUri);
            return Task.FromResult(answers[Calls - 1]());
        }
    }
}
