namespace JobPlatform.Providers.OpenAI;

/// <summary>The part of a chat completion the client reads.</summary>
internal sealed record ChatCompletion(IReadOnlyList<ChatChoice> Choices);
