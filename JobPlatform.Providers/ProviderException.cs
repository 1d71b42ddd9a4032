using System.Net;
using JobPlatform.Providers.Telemetry;

namespace JobPlatform.Providers;

/// <summary>
/// A provider call that failed, in words a job's error may show: the message never carries a token, a key or a URL.
/// <see cref="Transient"/> says whether trying again later can succeed (an outage, a rate limit, a timeout), as opposed
/// to a failure that will repeat (a rejected credential, a missing object, an exhausted quota).
/// </summary>
public class ProviderException(string provider, string message, bool transient, Exception? innerException = null)
    : Exception(message, innerException)
{
    /// <summary>The provider's name: <c>Apify</c>, <c>FacebookGraph</c>, <c>OpenAI</c> or <c>Media</c>.</summary>
    public string Provider { get; } = provider;

    public bool Transient { get; } = transient;

    /// <summary>The provider's HTTP status, when it answered.</summary>
    public HttpStatusCode? StatusCode { get; init; }

    /// <summary>The provider's own error code (<c>rate-limit-exceeded</c>, <c>80004</c>, <c>insufficient_quota</c>...), when it gave one.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>How long the provider asked to wait before the next call, when it said.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>The call's <c>outcome</c> in metrics; by default, an answer that arrived but could not be used.</summary>
    internal string Outcome { get; init; } = CallOutcome.InvalidResponse;
}
