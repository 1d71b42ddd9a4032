namespace JobPlatform.Providers.Resilience;

/// <summary>
/// A provider's retries and circuit breaker (<c>Providers:{Name}:Resilience</c>). The breaker counts attempts, not calls:
/// a call retried three times is four attempts.
/// </summary>
public sealed class ProviderResilienceOptions
{
    /// <summary>
    /// The circuit opens when, within <see cref="SamplingDuration"/>, at least this many attempts were made and every
    /// one of them failed (a failure ratio of 1 over a minimum throughput of this number). Counted as failures: server
    /// errors, 408, timeouts and unreachable hosts; not rate limits or client errors, which say nothing of the provider's health.
    /// </summary>
    public int FailureThreshold { get; set; } = 5;

    /// <summary>The window the failures are counted in.</summary>
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long an open circuit fails calls fast before it lets one through to probe (half-open).</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Retries of a failed attempt within one call; 0 for none.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first retry's backoff; each next one doubles, with jitter (the Apify and OpenAI clients' 0.5 s).</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest backoff between two attempts.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The longest wait a provider may ask for (Retry-After, OpenAI's retry-after-ms, the Graph API's estimated time to
    /// regain access) that a call waits out itself. A longer one fails the call at once, as transient with its
    /// <see cref="ProviderException.RetryAfter"/>: the job is retried later instead of holding a worker.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    internal IEnumerable<string> FindProblems(string section)
    {
        // Polly's own limits: a breaker needs a throughput of 2 and windows of half a second at least.
        if (FailureThreshold < 2)
        {
            yield return $"{section}:FailureThreshold must be at least 2.";
        }

        if (SamplingDuration < TimeSpan.FromMilliseconds(500) || BreakDuration < TimeSpan.FromMilliseconds(500))
        {
            yield return $"{section}:SamplingDuration and {section}:BreakDuration must be at least 0.5 s.";
        }

        if (MaxRetries is < 0 or > 10)
        {
            yield return $"{section}:MaxRetries must be between 0 and 10.";
        }

        if (RetryBaseDelay < TimeSpan.Zero || MaxRetryDelay <= TimeSpan.Zero || MaxRetryAfter < TimeSpan.Zero)
        {
            yield return $"{section}:RetryBaseDelay and {section}:MaxRetryAfter must not be negative, {section}:MaxRetryDelay must be positive.";
        }
    }
}
