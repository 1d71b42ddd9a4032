namespace JobPlatform.Testing;

/// <summary>A tenant and its one user, created through the admin API; the key is shown once, at creation.</summary>
public sealed record ProvisionedUser(Guid TenantId, Guid UserId, string ApiKey);
