namespace JobPlatform.Providers.Apify;

internal sealed record ApifyError(string? Type = null, string? Message = null);
