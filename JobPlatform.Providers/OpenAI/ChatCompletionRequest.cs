using System.Text.Json.Serialization;

namespace JobPlatform.Providers.OpenAI;

internal sealed record ChatCompletionRequest(
    string Model,
    IReadOnlyList<ChatMessage> Messages,
    [property: JsonPropertyName("response_format")] ChatResponseFormat ResponseFormat);
