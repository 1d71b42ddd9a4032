using System.Text.Json;
using System.Text.Json.Serialization;

namespace JobPlatform.Providers.OpenAI;

/// <summary>Structured Outputs: <c>{"type": "json_schema", "json_schema": {...}}</c>.</summary>
internal sealed record ChatResponseFormat(string Type, [property: JsonPropertyName("json_schema")] ChatJsonSchema JsonSchema)
{
    public static ChatResponseFormat Strict(string name, JsonElement schema) => new("json_schema", new ChatJsonSchema(name, schema, Strict: true));
}
