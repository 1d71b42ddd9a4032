namespace JobPlatform.Api.Model;

public sealed record TenantResponse(Guid TenantId, string Name, string Tier, long Credits);
