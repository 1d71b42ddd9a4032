namespace JobPlatform.Providers;

/// <summary>
/// The provider's circuit is open: it failed repeatedly, so calls fail fast without reaching it until the break ends
/// (<see cref="ProviderException.RetryAfter"/> says when, if known). Always transient.
/// </summary>
public sealed class ProviderUnavailableException(string provider, string displayName, Exception innerException)
    : ProviderException(provider, $"{displayName} is unavailable (circuit open after repeated failures); the job will be retried.", transient: true, innerException);
