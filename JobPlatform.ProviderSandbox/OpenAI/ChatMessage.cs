namespace JobPlatform.ProviderSandbox.OpenAI;

/// <summary>The assistant's message: <c>content</c> is the text, or the JSON of a structured output as a string.</summary>
internal sealed record ChatMessage(string Role, string Content, string? Refusal, IReadOnlyList<object> Annotations);
