using System.Net;

namespace JobPlatform.Providers.Http;

/// <summary>A provider's failed answer, read once from its status, headers and error body.</summary>
/// <param name="Code">The provider's own error code, when its body names one.</param>
/// <param name="Detail">The provider's error text, when its body has one: shown in messages once scrubbed of secrets.</param>
/// <param name="RetryAfter">The wait the provider asked for, when it said.</param>
internal sealed record ProviderFault(FaultKind Kind, HttpStatusCode Status, string? Code = null, string? Detail = null, TimeSpan? RetryAfter = null);
