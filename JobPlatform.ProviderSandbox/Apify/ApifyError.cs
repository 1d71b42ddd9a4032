namespace JobPlatform.ProviderSandbox.Apify;

/// <summary>Apify's error: a kebab-case type and a message.</summary>
internal sealed record ApifyError(string Type, string Message);
