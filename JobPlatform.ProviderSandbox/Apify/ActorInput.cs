using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace JobPlatform.ProviderSandbox.Apify;

/// <summary>Reading an actor's input, with the problems the actors report in Apify's words ("Field input.x is required").</summary>
internal static partial class ActorInput
{
    public static IReadOnlyList<string> Strings(JsonElement input, string field) =>
        [.. input.GetProperty(field).EnumerateArray().Select(element => element.GetString()!)];

    public static string? StringsProblem(JsonElement input, string field)
    {
        if (input.ValueKind != JsonValueKind.Object || !input.TryGetProperty(field, out var value))
        {
            return $"Field input.{field} is required";
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            return $"Field input.{field} must be array";
        }

        return value.GetArrayLength() == 0 || value.EnumerateArray().Any(element => element.ValueKind != JsonValueKind.String)
            ? $"Field input.{field} must be a non-empty array of strings"
            : null;
    }

    public static int? Integer(JsonElement input, string field) =>
        input.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : null;

    public static string? PositiveIntegerProblem(JsonElement input, string field, bool required)
    {
        if (!input.TryGetProperty(field, out var value))
        {
            return required ? $"Field input.{field} is required" : null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number >= 1
            ? null
            : $"Field input.{field} must be an integer of at least 1";
    }

    public static string? NewerThanProblem(JsonElement input, string field) =>
        !input.TryGetProperty(field, out var value) || (value.ValueKind == JsonValueKind.String && TryParseNewerThan(value.GetString()!, DateTimeOffset.UnixEpoch, out _))
            ? null
            : $"Field input.{field} must be a date (2025-06-01), a date and time, or a period (7 days, 2 months)";

    public static DateTimeOffset? NewerThan(JsonElement input, string field, DateTimeOffset now) =>
        input.TryGetProperty(field, out var value) && TryParseNewerThan(value.GetString()!, now, out var threshold) ? threshold : null;

    /// <summary>The forms the Instagram scrapers take for <c>onlyPostsNewerThan</c>: an absolute date or a period back from now.</summary>
    private static bool TryParseNewerThan(string text, DateTimeOffset now, out DateTimeOffset threshold)
    {
        var period = Period().Match(text.Trim());
        if (period.Success)
        {
            var amount = int.Parse(period.Groups["amount"].Value, CultureInfo.InvariantCulture);
            threshold = period.Groups["unit"].Value switch
            {
                "minute" => now.AddMinutes(-amount),
                "hour" => now.AddHours(-amount),
                "day" => now.AddDays(-amount),
                "week" => now.AddDays(-7 * amount),
                "month" => now.AddMonths(-amount),
                _ => now.AddYears(-amount),
            };
            return true;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out threshold);
    }

    [GeneratedRegex(@"^(?<amount>\d{1,4})\s*(?<unit>minute|hour|day|week|month|year)s?$", RegexOptions.IgnoreCase)]
    private static partial Regex Period();
}
