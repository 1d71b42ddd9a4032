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

    /// <summary>
    /// The first problem found, naming its path (e.g. <c>parameters.items[2].name</c>); null when storable. Objects and
    /// arrays may nest <paramref name="maxDepth"/> levels (1: an object of scalars). The path is put together only for a
    /// problem: a storable value, the usual case on the workers' path, is walked once and allocates nothing.
    /// </summary>
    public static string? FindProblem(JsonElement value, string path, int maxStringLength, int maxDepth = int.MaxValue) =>
        Find(value, maxStringLength, maxDepth, maxDepth) is var (relativePath, reason) ? $"{path}{relativePath} {reason}." : null;

    private static (string Path, string Reason)? Find(JsonElement value, int maxStringLength, int depthLeft, int maxDepth)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object or JsonValueKind.Array when depthLeft == 0:
                return ("", $"nests deeper than {maxDepth} levels");
            case JsonValueKind.Object:
                foreach (var property in value.EnumerateObject())
                {
                    if (TextProblem(() => property.Name, maxStringLength) is { } nameProblem)
                    {
                        return ("", $"has a property name that {nameProblem}");
                    }

                    if (Find(property.Value, maxStringLength, depthLeft - 1, maxDepth) is var (path, reason))
                    {
                        return ($".{property.Name}{path}", reason);
                    }
                }

                return null;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    if (Find(item, maxStringLength, depthLeft - 1, maxDepth) is var (path, reason))
                    {
                        return ($"[{index}]{path}", reason);
                    }

                    index++;
                }

                return null;
            case JsonValueKind.String:
                return TextProblem(value.GetString, maxStringLength) is { } stringProblem ? ("", stringProblem) : null;
            case JsonValueKind.Number:
                return IsStorableNumber(value) ? null : ("", $"is a number outside what can be stored (a double's range, exponents within ±{MaxDecimalExponent})");
            default:
                return null;
        }
    }

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
