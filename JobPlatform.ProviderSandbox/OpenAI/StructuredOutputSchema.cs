using System.Text.Json;
using System.Text.RegularExpressions;

namespace JobPlatform.ProviderSandbox.OpenAI;

/// <summary>
/// The checks OpenAI makes of a <c>json_schema</c> response format before generating: a name of
/// <c>[a-zA-Z0-9_-]</c>, and under <c>strict</c>, every object with <c>additionalProperties: false</c> and every property
/// listed in <c>required</c> (the messages are worded as OpenAI's).
/// </summary>
internal static partial class StructuredOutputSchema
{
    /// <summary>What is wrong with the response format, with the parameter it concerns; null when it is usable.</summary>
    public static (string Message, string Param)? Problem(JsonElement jsonSchema)
    {
        if (!jsonSchema.TryGetProperty("name", out var nameElement) || nameElement.ValueKind != JsonValueKind.String)
        {
            return ("Missing required parameter: 'response_format.json_schema.name'.", "response_format.json_schema.name");
        }

        var name = nameElement.GetString()!;
        if (!SchemaName().IsMatch(name))
        {
            return ("Invalid 'response_format.json_schema.name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.",
                "response_format.json_schema.name");
        }

        if (!jsonSchema.TryGetProperty("schema", out var schema) || schema.ValueKind != JsonValueKind.Object)
        {
            return ($"Invalid schema for response_format '{name}': schema must be a JSON Schema of 'type: \"object\"'.", "response_format");
        }

        var strict = jsonSchema.TryGetProperty("strict", out var strictElement) && strictElement.ValueKind == JsonValueKind.True;
        return strict && StrictProblem(schema, []) is { } problem ? ($"Invalid schema for response_format '{name}': {problem}", "response_format") : null;
    }

    private static string? StrictProblem(JsonElement schema, List<string> context)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (schema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
        {
            if (!schema.TryGetProperty("additionalProperties", out var additional) || additional.ValueKind != JsonValueKind.False)
            {
                return $"In context={Context(context)}, 'additionalProperties' is required to be supplied and to be false.";
            }

            var required = schema.TryGetProperty("required", out var requiredElement) && requiredElement.ValueKind == JsonValueKind.Array
                ? requiredElement.EnumerateArray().Select(item => item.GetString()).ToHashSet()
                : [];
            if (properties.EnumerateObject().Select(property => property.Name).FirstOrDefault(name => !required.Contains(name)) is { } missing)
            {
                return $"In context={Context(context)}, 'required' is required to be supplied and to be an array including every key in properties. Missing '{missing}'.";
            }

            foreach (var property in properties.EnumerateObject())
            {
                if (StrictProblem(property.Value, [.. context, "properties", property.Name]) is { } problem)
                {
                    return problem;
                }
            }
        }

        foreach (var keyword in new[] { "items", "$defs", "definitions", "anyOf" })
        {
            if (!schema.TryGetProperty(keyword, out var nested))
            {
                continue;
            }

            var children = nested.ValueKind switch
            {
                JsonValueKind.Array => nested.EnumerateArray().Select((child, position) => (child, position.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList(),
                JsonValueKind.Object when keyword == "items" => [(nested, "")],
                JsonValueKind.Object => nested.EnumerateObject().Select(child => (child.Value, child.Name)).ToList(),
                _ => [],
            };
            foreach (var (child, label) in children)
            {
                if (StrictProblem(child, label.Length == 0 ? [.. context, keyword] : [.. context, keyword, label]) is { } problem)
                {
                    return problem;
                }
            }
        }

        return null;
    }

    private static string Context(List<string> context) => $"({string.Join(", ", context.Select(part => $"'{part}'"))})";

    [GeneratedRegex("^[a-zA-Z0-9_-]{1,64}$")]
    private static partial Regex SchemaName();
}
