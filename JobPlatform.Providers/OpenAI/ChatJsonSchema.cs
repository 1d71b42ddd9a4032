using System.Text.Json;

namespace JobPlatform.Providers.OpenAI;

/// <summary>
/// A schema the answer follows; strictly, when <paramref name="Strict"/>. Strict mode wants every property in
/// <c>required</c> and <c>additionalProperties: false</c> on every object (an optional field is a nullable type).
/// </summary>
/// <param name="Name">Letters, digits, <c>_</c> and <c>-</c>; at most 64.</param>
internal sealed record ChatJsonSchema(string Name, JsonElement Schema, bool Strict);
