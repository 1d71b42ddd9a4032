using System.Text.Json.Serialization;

namespace JobPlatform.Providers.OpenAI;

/// <param name="FinishReason"><c>stop</c>; <c>length</c> or <c>content_filter</c> when the answer was cut short.</param>
internal sealed record ChatChoice(ChatAnswer Message, [property: JsonPropertyName("finish_reason")] string? FinishReason = null);
