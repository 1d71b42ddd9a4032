namespace JobPlatform.Api.Model;

public sealed record CreateUserRequest(string? Name);
