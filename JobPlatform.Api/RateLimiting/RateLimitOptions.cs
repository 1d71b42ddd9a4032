using JobPlatform.ServiceDefaults.RateLimiting;

namespace JobPlatform.Api.RateLimiting;

/// <summary>
/// Section <c>RateLimits</c>: the limits that are not a tier's. A tenant's keys are limited by their tier
/// (<c>Jobs:Tiers:{tier}:RequestsPerSecond</c> and <c>RequestBurst</c>).
/// </summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    /// <summary>The operator key's requests (the admin API), one budget for everyone who holds the key.</summary>
    public double OperatorRequestsPerSecond { get; set; } = 50;

    public int OperatorRequestBurst { get; set; } = 100;

    /// <summary>
    /// Per client address: API-key lookups that reach the database (a key this replica has not cached, known or
    /// unknown). Requests with a cached key cost nothing here, so many clients behind one address are not held back.
    /// </summary>
    public double KeyLookupsPerSecond { get; set; } = 20;

    public int KeyLookupBurst { get; set; } = 100;

    /// <summary>
    /// Lookups a key the database does not know costs in all: guessing keys exhausts an address's budget this many
    /// times sooner than new, valid keys do.
    /// </summary>
    public int UnknownKeyCost { get; set; } = 10;

    public RateLimit OperatorLimit() => new(OperatorRequestsPerSecond, OperatorRequestBurst);

    public RateLimit KeyLookupLimit() => new(KeyLookupsPerSecond, KeyLookupBurst);
}
