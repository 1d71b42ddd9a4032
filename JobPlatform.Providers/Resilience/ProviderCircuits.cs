using System.Diagnostics.Metrics;
using JobPlatform.Providers.Http;
using Polly.CircuitBreaker;

namespace JobPlatform.Providers.Resilience;

/// <summary>
/// The state of each provider's circuit breaker, for the health checks and the circuit-state gauge. One breaker per
/// provider for the whole process, shared by every job: it lives in the provider's pipeline, which the HttpClient
/// factory builds once and keeps for the process (handlers rotate, their pipeline does not).
/// </summary>
internal sealed class ProviderCircuits
{
    private readonly Dictionary<ProviderIdentity, CircuitBreakerStateProvider> _states =
        ProviderIdentity.All.ToDictionary(provider => provider, _ => new CircuitBreakerStateProvider());

    /// <summary>The state of <paramref name="provider"/>'s breaker: attached to it when its pipeline is built, closed until then.</summary>
    public CircuitBreakerStateProvider For(ProviderIdentity provider) => _states[provider];

    public IEnumerable<Measurement<int>> Measure() =>
        _states.Select(entry => new Measurement<int>((int)entry.Value.CircuitState, new KeyValuePair<string, object?>("provider", entry.Key.Tag)));
}
