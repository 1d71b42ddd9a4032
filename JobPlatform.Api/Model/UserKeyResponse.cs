namespace JobPlatform.Api.Model;

/// <summary>The key is shown once, here; only its hash is stored.</summary>
public sealed record UserKeyResponse(Guid UserId, Guid TenantId, string ApiKey);
