namespace JobPlatform.ProviderSandbox.OpenAI;

/// <summary>OpenAI's error envelope: <c>{"error": {"message", "type", "param", "code"}}</c>.</summary>
internal sealed record OpenAIErrorBody(OpenAIError Error);
