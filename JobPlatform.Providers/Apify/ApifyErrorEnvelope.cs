namespace JobPlatform.Providers.Apify;

/// <summary>Apify's error body: <c>{"error": {"type": "rate-limit-exceeded", "message": "..."}}</c>.</summary>
internal sealed record ApifyErrorEnvelope(ApifyError? Error = null);
