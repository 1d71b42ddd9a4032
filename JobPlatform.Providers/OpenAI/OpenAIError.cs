namespace JobPlatform.Providers.OpenAI;

/// <summary>
/// OpenAI's error. A 429 is either a rate limit (<c>rate_limit_exceeded</c>: wait and retry) or an exhausted quota
/// (<c>insufficient_quota</c> and the billing codes: retrying cannot help).
/// </summary>
internal sealed record OpenAIError(string? Message = null, string? Type = null, string? Code = null);
