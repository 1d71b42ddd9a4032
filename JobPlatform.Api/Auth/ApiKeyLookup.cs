using JobPlatform.ServiceDefaults.RateLimiting;

namespace JobPlatform.Api.Auth;

/// <summary>What looking up an API key found.</summary>
public abstract record ApiKeyLookup
{
    public sealed record Known(Caller Caller) : ApiKeyLookup;

    public sealed record Unknown : ApiKeyLookup;

    /// <summary>The key was not looked up: its client address is over its lookup budget.</summary>
    public sealed record Refused(RateLimitDecision Decision, string Detail) : ApiKeyLookup;
}
