using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace JobPlatform.ProfileAnalytics.Instagram;

/// <summary>
/// R-000-1: an Instagram username is 1–30 characters of <c>A-Z a-z 0-9 . _</c>; anything else is refused before any
/// work. Instagram compares usernames without case, so every table, cache key and live-job key holds the lower-case form.
/// </summary>
public static partial class InstagramUsername
{
    /// <summary>Follows the field's name in a 400's detail.</summary>
    public const string Rule = "must be 1 to 30 characters, each a letter (A-Z, a-z), a digit, '.' or '_'.";

    public static bool TryNormalize(string? value, [NotNullWhen(true)] out string? username)
    {
        username = value is not null && Pattern().IsMatch(value) ? value.ToLowerInvariant() : null;
        return username is not null;
    }

    [GeneratedRegex("^[A-Za-z0-9._]{1,30}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
