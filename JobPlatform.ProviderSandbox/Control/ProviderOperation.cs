namespace JobPlatform.ProviderSandbox.Control;

/// <summary>
/// Endpoint metadata: which provider and operation an endpoint imitates, the names faults and call counts use.
/// <see cref="CredentialOptional"/>: the real provider answers it without a credential too (Apify's run, whose id is
/// the secret), though it still refuses a wrong one.
/// </summary>
internal sealed record ProviderOperation(string Provider, string Name, bool CredentialOptional = false);
