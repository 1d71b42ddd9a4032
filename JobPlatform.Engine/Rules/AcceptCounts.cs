namespace JobPlatform.Engine.Rules;

/// <summary>What one batch of requests is checked against: each of its tenants, and each of its lanes' queued jobs.</summary>
public sealed record AcceptCounts(IReadOnlyDictionary<Guid, TenantCounts> Tenants, IReadOnlyDictionary<string, int> Queued);
