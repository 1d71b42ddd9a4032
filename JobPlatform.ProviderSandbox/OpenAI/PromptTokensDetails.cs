namespace JobPlatform.ProviderSandbox.OpenAI;

/// <summary>Details of the prompt tokens; nothing is cached or audio in the sandbox.</summary>
internal sealed record PromptTokensDetails(int CachedTokens, int AudioTokens);
