using System.Text.Encodings.Web;
using System.Text.Json;

namespace JobPlatform.ProviderSandbox.OpenAI;

/// <summary>OpenAI's JSON: snake_case, nulls written (<c>"param": null</c>, <c>"refusal": null</c>) as the API does.</summary>
internal static class OpenAIJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };
}
