namespace JobPlatform.ProviderSandbox.Apify;

/// <summary>Apify's success envelope: <c>{"data": ...}</c>.</summary>
internal sealed record ApifyEnvelope<T>(T Data);
