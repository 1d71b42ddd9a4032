namespace JobPlatform.Providers.Http;

/// <summary>What a failed answer means for the call that got it.</summary>
internal enum FaultKind
{
    /// <summary>The provider failed (a server error, 408): retried with backoff, and counted by the circuit breaker.</summary>
    Transient,

    /// <summary>The provider throttles us: retried after the wait it asks for, not counted by the circuit breaker.</summary>
    RateLimited,

    /// <summary>The request itself is wrong or not allowed (a client error, an exhausted quota): never retried.</summary>
    Permanent,
}
