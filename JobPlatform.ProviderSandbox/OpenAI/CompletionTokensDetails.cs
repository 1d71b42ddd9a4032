namespace JobPlatform.ProviderSandbox.OpenAI;

/// <summary>Details of the completion tokens; the sandbox does no reasoning.</summary>
internal sealed record CompletionTokensDetails(int ReasoningTokens, int AudioTokens, int AcceptedPredictionTokens, int RejectedPredictionTokens);
