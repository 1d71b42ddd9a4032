using JobPlatform.ContentAnalysis.Llm;
using JobPlatform.ContentAnalysis.Telemetry;
using Microsoft.Extensions.Logging;
using Polly.CircuitBreaker;

namespace JobPlatform.ContentAnalysis;

/// <summary>
/// The <see cref="IPostAnalyzer"/> the services get. Without an LLM, the local engine. With one (docs/requirements.md
/// R-003-12), the LLM through the AI breaker; when the breaker is open, or the LLM fails in any way, the local engine
/// analyses the batch instead: R-003-9's rule-based fallback. Each result's engine says which one answered.
/// </summary>
internal sealed partial class FallbackPostAnalyzer(LocalPostAnalyzer local, LlmPostAnalyzer? llm, AiBreaker breaker, ContentAnalysisTelemetry telemetry,
    TimeProvider time, ILogger<FallbackPostAnalyzer> logger) : IPostAnalyzer
{
    public async Task<IReadOnlyList<PostAnalysis>> AnalyzeAsync(IReadOnlyList<PostText> posts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(posts);
        var started = time.GetTimestamp();
        if (llm is not null)
        {
            try
            {
                var analyses = await breaker.ExecuteAsync(async token => await llm.AnalyzeAsync(posts, token), cancellationToken);
                telemetry.RecordBatch(LlmPostAnalyzer.EngineName, posts.Count, time.GetElapsedTime(started));
                return analyses;
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                telemetry.RecordFallback(exception);
                if (exception is BrokenCircuitException)
                {
                    // Every batch while the breaker is open: the breaker's opening was the news.
                    LogBreakerOpen(logger);
                }
                else
                {
                    LogFallback(logger, Describe(exception));
                }
            }
        }

        var localAnalyses = await local.AnalyzeAsync(posts, cancellationToken);
        telemetry.RecordBatch(LocalPostAnalyzer.EngineName, posts.Count, time.GetElapsedTime(started));
        return localAnalyses;
    }

    /// <summary>
    /// Our own messages, or the failure's type: a provider's error text may quote the request's credentials
    /// (docs/requirements.md R-X-3), so it is not logged here.
    /// </summary>
    private static string Describe(Exception exception) => exception switch
    {
        InvalidLlmAnswerException => exception.Message,
        _ => $"the LLM call failed ({exception.GetType().Name})",
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Content analysis: the local engine analyses this batch: {Reason}")]
    private static partial void LogFallback(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Content analysis: the AI breaker is open; the local engine analyses this batch")]
    private static partial void LogBreakerOpen(ILogger logger);
}
