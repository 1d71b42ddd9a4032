namespace JobPlatform.ProviderSandbox.OpenAI;

/// <summary>Token usage, estimated as a quarter of the characters (OpenAI's rule of thumb for English).</summary>
internal sealed record ChatUsage(int PromptTokens, int CompletionTokens, int TotalTokens, PromptTokensDetails PromptTokensDetails, CompletionTokensDetails CompletionTokensDetails);
