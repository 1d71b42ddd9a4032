namespace JobPlatform.ProviderSandbox.Apify;

/// <summary>Apify's error envelope: <c>{"error": {"type", "message"}}</c>.</summary>
internal sealed record ApifyErrorBody(ApifyError Error);
