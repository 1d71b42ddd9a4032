using JobPlatform.Providers.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Polly.CircuitBreaker;

namespace JobPlatform.Providers.Resilience;

/// <summary>
/// A provider's circuit as health: Healthy while closed, Degraded while open or probing. Never Unhealthy: a provider's
/// outage must not take the workers out of service, since their other jobs still run (and /health answers 200 for Degraded).
/// </summary>
internal sealed class ProviderHealthCheck(ProviderIdentity provider, CircuitBreakerStateProvider circuit) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(circuit.CircuitState switch
        {
            CircuitState.Closed => HealthCheckResult.Healthy($"{provider.DisplayName}: circuit closed."),
            CircuitState.HalfOpen => HealthCheckResult.Degraded($"{provider.DisplayName}: circuit half-open, probing after repeated failures."),
            _ => HealthCheckResult.Degraded($"{provider.DisplayName}: circuit open after repeated failures; its calls fail fast."),
        });
}
