namespace JobPlatform.ProviderSandbox.OpenAI;

/// <summary>A choice of a chat completion; the sandbox always finishes with <c>stop</c>.</summary>
internal sealed record ChatChoice(int Index, ChatMessage Message, object? Logprobs, string FinishReason);
