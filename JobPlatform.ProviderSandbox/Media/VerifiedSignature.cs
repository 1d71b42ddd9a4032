namespace JobPlatform.ProviderSandbox.Media;

/// <summary>
/// A request feature set once its SigV4 header is checked: what the upload needs to check the signatures of a
/// streaming body's chunks, which chain from the header's.
/// </summary>
internal sealed record VerifiedSignature(SigV4Authorization Authorization, string AmzDate, byte[] SigningKey);
