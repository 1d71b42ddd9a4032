using System.Text;
using System.Text.Json;

namespace JobPlatform.Engine.Jobs;

/// <summary>
/// What a JSON value must satisfy to be stored in a <c>jsonb</c> column. PostgreSQL refuses a NUL character and an
/// unpaired surrogate in any string or property name, and a number outside its numeric range; the engine adds a cap on
/// string length. Checked before a value reaches a statement, so that such a value is its sender's 400 (or its
/// handler's failed attempt), never a failed statement that takes other requests' writes down with it.
/// </summary>
public static class StorableJson
{
    private const int MaxDecimalExponent = 1000;

    /// <summary>Throws on an unpaired surrogate instead of replacing it.</summary>
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The first problem found, naming its path (e.g. <c>parameters.items[2].name</c>); null when storable.</summary>
    public static string? FindProblem(JsonElement value, string path, int maxStringLength)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in value.EnumerateObject())
                {
                    if (TextProblem(() => property.Name, maxStringLength) is { } nameProblem)
                    {
                        return $"{path} has a property name that {nameProblem}.";
                    }

                    if (FindProblem(property.Value, $"{path}.{property.Name}", maxStringLength) is { } problem)
                    {
                        return problem;
                    }
                }

                return null;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    if (FindProblem(item, $"{path}[{index++}]", maxStringLength) is { } problem)
                    {
                        return problem;
                    }
                }

                return null;
            case JsonValueKind.String:
                return TextProblem(value.GetString, maxStringLength) is { } stringProblem ? $"{path} {stringProblem}." : null;
            case JsonValueKind.Number:
                return IsStorableNumber(value) ? null : $"{path} is a number outside what can be stored (a double's range, exponents within ±{MaxDecimalExponent}).";
            default:
                return null;
        }
    }

    /// <summary>Levels of nesting: 0 for a scalar, 1 for an object or array of scalars.</summary>
    public static int Depth(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => 1 + value.EnumerateObject().Select(p => Depth(p.Value)).DefaultIfEmpty(0).Max(),
        JsonValueKind.Array => 1 + value.EnumerateArray().Select(Depth).DefaultIfEmpty(0).Max(),
        _ => 0,
    };

    /// <summary>Why a string cannot be stored (e.g. "contains a NUL character"); null when it can.</summary>
    public static string? FindTextProblem(string text, int maxLength)
    {
        if (text.Length > maxLength)
        {
            return $"is longer than {maxLength} characters";
        }

        if (text.Contains('\0'))
        {
            return "contains a NUL character (\\u0000)";
        }

        try
        {
            StrictUtf8.GetByteCount(text);
            return null;
        }
        catch (EncoderFallbackException)
        {
            return "contains an unpaired surrogate (not valid Unicode)";
        }
    }

    private static string? TextProblem(Func<string?> read, int maxLength)
    {
        try
        {
            return FindTextProblem(read() ?? "", maxLength);
        }
        catch (InvalidOperationException)
        {
            return "is not valid UTF-8 or UTF-16 text";
        }
    }

    /// <summary>
    /// A finite double, written with a decimal exponent PostgreSQL's numeric reads (it refuses one beyond ±1000 even
    /// when the value is zero: <c>0e-20000</c>).
    /// </summary>
    private static bool IsStorableNumber(JsonElement value)
    {
        if (!value.TryGetDouble(out var number) || !double.IsFinite(number))
        {
            return false;
        }

        var raw = value.GetRawText();
        var exponent = raw.IndexOfAny(['e', 'E']);
        return exponent < 0 || (int.TryParse(raw.AsSpan(exponent + 1), out var power) && Math.Abs(power) <= MaxDecimalExponent);
    }
}
