using JobPlatform.Engine.Jobs;

namespace JobPlatform.Api.Validation;

/// <summary>Rules for short text that names things (tenants, users): present, bounded, storable, no control characters.</summary>
public static class TextInput
{
    /// <summary>A message naming <paramref name="field"/> and its problem; null when the value is fine.</summary>
    public static string? FindProblem(string? value, string field, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return $"{field} is required.";
        }

        if (StorableJson.FindTextProblem(value, maxLength) is { } problem)
        {
            return $"{field} {problem}.";
        }

        return value.FirstOrDefault(char.IsControl) is var control and not '\0'
            ? $"{field} must not contain control characters (found U+{(int)control:X4})."
            : null;
    }
}
