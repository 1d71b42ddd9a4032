using JobPlatform.ContentAnalysis.Llm;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Polly.CircuitBreaker;

namespace JobPlatform.ContentAnalysis.Hosting;

/// <summary>
/// The AI breaker as health: Healthy while closed, Degraded while open or probing. Never Unhealthy: the local engine
/// analyses every batch meanwhile, so the worker stays in service (and /health answers 200 for Degraded).
/// </summary>
internal sealed class AiBreakerHealthCheck(AiBreaker breaker) : IHealthCheck
{
    public const string Name = "content-analysis-llm";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(breaker.State switch
        {
            CircuitState.Closed => HealthCheckResult.Healthy("LLM engine: breaker closed."),
            CircuitState.HalfOpen => HealthCheckResult.Degraded("LLM engine: breaker half-open, probing after repeated failures; the local engine answers meanwhile."),
            _ => HealthCheckResult.Degraded("LLM engine: breaker open after repeated failures; the local engine analyses every batch."),
        });
}
