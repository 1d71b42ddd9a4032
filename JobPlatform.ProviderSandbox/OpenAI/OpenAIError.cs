namespace JobPlatform.ProviderSandbox.OpenAI;

/// <summary>OpenAI's error object: the same four fields on every endpoint.</summary>
internal sealed record OpenAIError(string Message, string Type, string? Param, string? Code);
