namespace JobPlatform.Api.Model;

public sealed record JobCancelResponse(Guid JobId, string Status, string Message);
