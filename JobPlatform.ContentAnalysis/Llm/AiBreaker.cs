using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;

namespace JobPlatform.ContentAnalysis.Llm;

/// <summary>
/// The breaker on the LLM (docs/requirements.md R-003-9, AI models), one for the process: every failure of a batch
/// counts (an error, a timeout, an invalid answer), not the caller's cancellation. Open, it refuses at once with
/// <see cref="BrokenCircuitException"/>, and the batch goes to the local engine without a request.
/// </summary>
internal sealed class AiBreaker
{
    private readonly CircuitBreakerStateProvider _state = new();
    private readonly ResiliencePipeline _pipeline;

    public AiBreaker(IOptions<ContentAnalysisOptions> options, TimeProvider time)
    {
        var breaker = options.Value.Breaker;
        _pipeline = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                // Polly's breaker is ratio-based: "N failures" is a ratio of 1 over at least N batches in the window.
                FailureRatio = 1.0,
                MinimumThroughput = breaker.FailureThreshold,
                SamplingDuration = breaker.SamplingDuration,
                BreakDuration = breaker.BreakDuration,
                ShouldHandle = new PredicateBuilder().Handle<Exception>(exception => exception is not OperationCanceledException),
                StateProvider = _state,
            })
            .Build();
    }

    public CircuitState State => _state.CircuitState;

    public ValueTask<T> ExecuteAsync<T>(Func<CancellationToken, ValueTask<T>> call, CancellationToken cancellationToken) =>
        _pipeline.ExecuteAsync(call, cancellationToken);
}
