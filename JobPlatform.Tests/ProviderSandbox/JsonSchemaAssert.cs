using System.Text.Json;

namespace JobPlatform.Tests.ProviderSandbox;

/// <summary>
/// A small JSON Schema check for the tests (no validator package here): type, properties, required,
/// additionalProperties false, enum, items, minItems/maxItems, minimum/maximum, minLength/maxLength, anyOf, $ref.
/// </summary>
public static class JsonSchemaAssert
{
    public static void Valid(JsonElement value, JsonElement schema)
    {
        var errors = new List<string>();
        Check(value, schema, schema, "$", errors);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    private static void Check(JsonElement value, JsonElement schema, JsonElement root, string path, List<string> errors)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            var target = root;
            foreach (var part in reference.GetString()!.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                target = target.GetProperty(part);
            }

            Check(value, target, root, path, errors);
            return;
        }

        if (schema.TryGetProperty("anyOf", out var branches))
        {
            if (!branches.EnumerateArray().Any(branch =>
                {
                    var branchErrors = new List<string>();
                    Check(value, branch, root, path, branchErrors);
                    return branchErrors.Count == 0;
                }))
            {
                errors.Add($"{path}: matches no anyOf branch");
            }

            return;
        }

        if (schema.TryGetProperty("enum", out var values) && !values.EnumerateArray().Any(allowed => allowed.GetRawText() == value.GetRawText()))
        {
            errors.Add($"{path}: {value.GetRawText()} is not in the enum");
        }

        if (schema.TryGetProperty("type", out var type))
        {
            var types = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(item => item.GetString()!).ToList() : [type.GetString()!];
            if (!types.Any(name => IsType(value, name)))
            {
                errors.Add($"{path}: {value.ValueKind} is not {string.Join("|", types)}");
                return;
            }
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                var properties = schema.TryGetProperty("properties", out var declared) ? declared : default;
                if (schema.TryGetProperty("required", out var required))
                {
                    errors.AddRange(required.EnumerateArray().Where(name => !value.TryGetProperty(name.GetString()!, out _)).Select(name => $"{path}: {name} is missing"));
                }

                foreach (var property in value.EnumerateObject())
                {
                    if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(property.Name, out var propertySchema))
                    {
                        Check(property.Value, propertySchema, root, $"{path}.{property.Name}", errors);
                    }
                    else if (schema.TryGetProperty("additionalProperties", out var additional) && additional.ValueKind == JsonValueKind.False)
                    {
                        errors.Add($"{path}: {property.Name} is not allowed");
                    }
                }

                break;
            case JsonValueKind.Array:
                var count = value.GetArrayLength();
                if (schema.TryGetProperty("minItems", out var minItems) && count < minItems.GetInt32() || schema.TryGetProperty("maxItems", out var maxItems) && count > maxItems.GetInt32())
                {
                    errors.Add($"{path}: {count} items is out of bounds");
                }

                if (schema.TryGetProperty("items", out var items))
                {
                    var index = 0;
                    foreach (var item in value.EnumerateArray())
                    {
                        Check(item, items, root, $"{path}[{index++}]", errors);
                    }
                }

                break;
            case JsonValueKind.Number:
                if (schema.TryGetProperty("minimum", out var minimum) && value.GetDouble() < minimum.GetDouble() || schema.TryGetProperty("maximum", out var maximum) && value.GetDouble() > maximum.GetDouble())
                {
                    errors.Add($"{path}: {value.GetDouble()} is out of bounds");
                }

                break;
            case JsonValueKind.String:
                var length = value.GetString()!.Length;
                if (schema.TryGetProperty("minLength", out var minLength) && length < minLength.GetInt32() || schema.TryGetProperty("maxLength", out var maxLength) && length > maxLength.GetInt32())
                {
                    errors.Add($"{path}: length {length} is out of bounds");
                }

                break;
        }
    }

    private static bool IsType(JsonElement value, string type) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        "number" => value.ValueKind == JsonValueKind.Number,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => value.ValueKind == JsonValueKind.Null,
        _ => false,
    };
}
