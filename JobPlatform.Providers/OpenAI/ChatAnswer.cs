namespace JobPlatform.Providers.OpenAI;

/// <summary>The assistant's message: the JSON as a string in <see cref="Content"/>, or, when the model declines, <see cref="Refusal"/>.</summary>
internal sealed record ChatAnswer(string? Content = null, string? Refusal = null);
