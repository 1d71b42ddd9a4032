using System.Net;
using JobPlatform.Providers.Http;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace JobPlatform.Providers.Resilience;

/// <summary>
/// A provider's pipeline, from outside in: retries (exponential backoff with jitter, or the wait the provider asks
/// for), the circuit breaker (which sees every attempt), and the attempt timeout each call sizes for itself.
/// </summary>
internal static class ProviderPipeline
{
    public static void Build(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, ProviderOptions options, IFaultClassifier faults,
        CircuitBreakerStateProvider circuit)
    {
        var resilience = options.Resilience;
        // Polly refuses zero retries: no retries is no retry strategy.
        if (resilience.MaxRetries > 0)
        {
            pipeline.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = resilience.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = resilience.RetryBaseDelay,
                MaxDelay = resilience.MaxRetryDelay,
                ShouldHandle = async args => await IsRetryableAsync(args.Outcome, ProviderCall.Of(args.Context.GetRequestMessage()), faults,
                    resilience.MaxRetryAfter, args.Context.CancellationToken),
                // Null leaves the backoff above: the provider did not say how long to wait.
                DelayGenerator = async args => args.Outcome.Result is { } response
                    ? (await faults.ClassifyAsync(response, args.Context.CancellationToken))?.RetryAfter
                    : null,
            });
        }

        pipeline.AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
        {
            // Polly's breaker is ratio-based: "N failures" is a ratio of 1 over at least N attempts in the window.
            FailureRatio = 1.0,
            MinimumThroughput = resilience.FailureThreshold,
            SamplingDuration = resilience.SamplingDuration,
            BreakDuration = resilience.BreakDuration,
            ShouldHandle = async args => await IsProviderFailureAsync(args.Outcome, faults, args.Context.CancellationToken),
            StateProvider = circuit,
        });

        pipeline.AddTimeout(new TimeoutStrategyOptions
        {
            TimeoutGenerator = args => ValueTask.FromResult(ProviderCall.Of(args.Context.GetRequestMessage())?.Timeout ?? options.RequestTimeout),
        });
    }

    private static async ValueTask<bool> IsRetryableAsync(Outcome<HttpResponseMessage> outcome, ProviderCall? call, IFaultClassifier faults,
        TimeSpan maxRetryAfter, CancellationToken cancellationToken)
    {
        var repeatable = call?.Repeatable ?? true;
        return outcome switch
        {
            { Exception: HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } } => true,
            { Exception: HttpRequestException or TimeoutRejectedException } => repeatable,
            { Result: { } response } => await faults.ClassifyAsync(response, cancellationToken) is { } fault
                && (fault.Kind == FaultKind.RateLimited
                    || (fault.Kind == FaultKind.Transient && (repeatable || response.StatusCode == HttpStatusCode.ServiceUnavailable)))
                && (fault.RetryAfter is null || fault.RetryAfter <= maxRetryAfter),
            _ => false,
        };
    }

    /// <summary>What says the provider is unwell: not rate limits or client errors, which it answers while healthy.</summary>
    private static async ValueTask<bool> IsProviderFailureAsync(Outcome<HttpResponseMessage> outcome, IFaultClassifier faults,
        CancellationToken cancellationToken) => outcome switch
        {
            { Exception: HttpRequestException or TimeoutRejectedException } => true,
            { Result: { } response } => await faults.ClassifyAsync(response, cancellationToken) is { Kind: FaultKind.Transient },
            _ => false,
        };
}
