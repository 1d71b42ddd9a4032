namespace JobPlatform.Providers.OpenAI;

/// <param name="Role"><c>system</c> or <c>user</c>.</param>
internal sealed record ChatMessage(string Role, string Content);
