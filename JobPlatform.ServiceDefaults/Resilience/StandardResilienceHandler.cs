using System.Collections.Concurrent;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace JobPlatform.ServiceDefaults.Resilience;

/// <summary>
/// Microsoft.Extensions.Http.Resilience's standard handler (not served here) rebuilt on Polly.Core, in the same order:
/// concurrency limit, total timeout 30 s, 3 retries (exponential, jitter), circuit breaker, attempt timeout 10 s.
/// </summary>
public sealed class StandardResilienceHandler(StandardResiliencePipelines pipelines) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var (limiter, pipeline) = pipelines.For(request.RequestUri);
        using var lease = await limiter.AcquireAsync(1, cancellationToken);
        if (!lease.IsAcquired)
        {
            throw new HttpRequestException($"More than {StandardResiliencePipelines.ConcurrencyLimit} requests to {request.RequestUri?.Authority} are in flight.");
        }

        return await pipeline.ExecuteAsync(
            static async (state, token) => await state.Handler.SendCoreAsync(state.Request, token),
            (Handler: this, Request: request), cancellationToken);
    }

    private Task<HttpResponseMessage> SendCoreAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        base.SendAsync(request, cancellationToken);
}

/// <summary>
/// One pipeline per downstream authority, built once: circuit-breaker state must outlive handler rotation, and one
/// failing service must not open the circuit for another.
/// </summary>
public sealed class StandardResiliencePipelines
{
    public const int ConcurrencyLimit = 1000;

    private readonly ConcurrentDictionary<string, (RateLimiter, ResiliencePipeline<HttpResponseMessage>)> _byAuthority = new();

    public StandardResilienceOptions Options { get; init; } = new();

    internal (RateLimiter Limiter, ResiliencePipeline<HttpResponseMessage> Pipeline) For(Uri? uri) =>
        _byAuthority.GetOrAdd(uri?.Authority ?? "", _ => (
            new ConcurrencyLimiter(new ConcurrencyLimiterOptions { PermitLimit = ConcurrencyLimit, QueueLimit = 0 }),
            Build(Options)));

    private static ResiliencePipeline<HttpResponseMessage> Build(StandardResilienceOptions options)
    {
        var transient = new PredicateBuilder<HttpResponseMessage>()
            .Handle<HttpRequestException>()
            .Handle<TimeoutRejectedException>()
            .HandleResult(response => IsTransient(response.StatusCode));
        return new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddTimeout(options.TotalRequestTimeout)
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = transient,
                MaxRetryAttempts = 3,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryDelay,
                OnRetry = args =>
                {
                    args.Outcome.Result?.Dispose();
                    return default;
                },
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = transient,
                FailureRatio = 0.1,
                MinimumThroughput = 100,
                SamplingDuration = TimeSpan.FromSeconds(30),
                BreakDuration = TimeSpan.FromSeconds(5),
            })
            .AddTimeout(options.AttemptTimeout)
            .Build();
    }

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;
}

/// <summary>The standard handler's timings; tests shorten the retry delay.</summary>
public sealed record StandardResilienceOptions
{
    public TimeSpan TotalRequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(2);
}

public static class ResilienceHttpClientBuilderExtensions
{
    public static IHttpClientBuilder AddStandardResilienceHandler(this IHttpClientBuilder builder)
    {
        builder.Services.TryAddSingleton<StandardResiliencePipelines>();
        return builder.AddHttpMessageHandler(services => new StandardResilienceHandler(services.GetRequiredService<StandardResiliencePipelines>()));
    }
}
