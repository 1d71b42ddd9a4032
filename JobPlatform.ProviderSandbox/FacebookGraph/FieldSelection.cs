using System.Text.Json.Nodes;

namespace JobPlatform.ProviderSandbox.FacebookGraph;

/// <summary>
/// The Graph API's <c>fields=</c>: parsing (<c>id,name,creative{id,video_id},insights.limit(5){...}</c>; modifiers such
/// as <c>.limit(n)</c> are accepted and ignored) and projecting a full object onto it. Only the requested fields are
/// returned (a node's id always), a node field without braces gives just its id, and a field the node type does not
/// have is Graph's error 100.
/// </summary>
internal static class FieldSelection
{
    public static bool TryParse(string? text, out IReadOnlyList<FieldSpec>? fields, out string? error)
    {
        fields = null;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var position = 0;
        var parsed = ParseList(text, ref position, ref error);
        if (error is null && position < text.Length)
        {
            error = $"Syntax error \"Expected end of string instead of \"{text[position]}\".\" at character {position}: {text}";
        }

        fields = parsed;
        return error is null;
    }

    /// <summary>The object with only the selected fields, or the error Graph gives for a field the type does not have.</summary>
    public static JsonObject Project(JsonObject full, IReadOnlyList<FieldSpec>? fields, NodeType type, out string? error)
    {
        error = null;
        var projected = new JsonObject();
        fields ??= [.. type.DefaultFields.Select(name => new FieldSpec(name, null))];
        foreach (var field in fields)
        {
            if (!type.Fields.Contains(field.Name))
            {
                error = $"(#100) Tried accessing nonexisting field ({field.Name}) on node type ({type.Name})";
                return projected;
            }

            if (!full.TryGetPropertyValue(field.Name, out var value) || value is null)
            {
                continue;
            }

            if (type.NodeFields.TryGetValue(field.Name, out var nodeType) && value is JsonObject node)
            {
                projected[field.Name] = Project(node, field.Children ?? [new FieldSpec("id", null)], nodeType, out error);
                if (error is not null)
                {
                    return projected;
                }
            }
            else
            {
                projected[field.Name] = field.Children is null ? value.DeepClone() : Select(value, field.Children);
            }
        }

        if (type.IsNode && !projected.ContainsKey("id") && full["id"] is { } id)
        {
            projected.Insert(0, "id", id.DeepClone());
        }

        return projected;
    }

    /// <summary>Sub-fields of a structure (object_story_spec{video_data}): filtered, not checked.</summary>
    private static JsonNode Select(JsonNode value, IReadOnlyList<FieldSpec> children) => value switch
    {
        JsonObject structure => new JsonObject(children
            .Where(child => structure.ContainsKey(child.Name))
            .Select(child => KeyValuePair.Create(child.Name, child.Children is null ? structure[child.Name]?.DeepClone() : Select(structure[child.Name]!, child.Children)))),
        JsonArray items => new JsonArray([.. items.Select(item => item is null ? null : Select(item, children))]),
        _ => value.DeepClone(),
    };

    private static List<FieldSpec> ParseList(string text, ref int position, ref string? error)
    {
        var fields = new List<FieldSpec>();
        while (error is null)
        {
            SkipSpaces(text, ref position);
            var start = position;
            while (position < text.Length && (char.IsAsciiLetterOrDigit(text[position]) || text[position] == '_'))
            {
                position++;
            }

            if (position == start)
            {
                error = $"Syntax error \"Field name expected.\" at character {position}: {text}";
                break;
            }

            var name = text[start..position];
            // Modifiers (.limit(10), .summary(true)) change how an edge pages, which the sandbox's fields do not do.
            while (position < text.Length && text[position] == '.')
            {
                var close = text.IndexOf(')', position);
                if (close < 0)
                {
                    error = $"Syntax error \"Expected \")\".\" at character {text.Length}: {text}";
                    return fields;
                }

                position = close + 1;
            }

            IReadOnlyList<FieldSpec>? children = null;
            if (position < text.Length && text[position] == '{')
            {
                position++;
                children = ParseList(text, ref position, ref error);
                if (error is null && (position >= text.Length || text[position] != '}'))
                {
                    error = $"Syntax error \"Expected \"}}\".\" at character {position}: {text}";
                }

                position++;
            }

            fields.Add(new FieldSpec(name, children));
            SkipSpaces(text, ref position);
            if (position >= text.Length || text[position] != ',')
            {
                break;
            }

            position++;
        }

        return fields;
    }

    private static void SkipSpaces(string text, ref int position)
    {
        while (position < text.Length && char.IsWhiteSpace(text[position]))
        {
            position++;
        }
    }
}
