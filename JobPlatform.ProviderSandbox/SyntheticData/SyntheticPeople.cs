using System.Globalization;
using System.Text;

namespace JobPlatform.ProviderSandbox.SyntheticData;

/// <summary>Full names and usernames of synthetic people, from the name tables of the caption library.</summary>
internal static class SyntheticPeople
{
    public static string FullName(DeterministicRandom random, CaptionLanguage language, bool female) =>
        $"{random.Pick(female ? language.Names.Female : language.Names.Male)} {random.Pick(language.Names.Family)}";

    /// <summary>A valid Instagram username made from a full name, in one of the shapes people choose.</summary>
    public static string Username(DeterministicRandom random, string fullName)
    {
        var words = fullName.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Ascii).Where(word => word.Length > 0).ToList();
        var first = words.Count > 0 ? words[0] : "user";
        var last = words.Count > 1 ? words[^1] : "ig";
        var number = random.Next(1, 100).ToString(CultureInfo.InvariantCulture);
        var username = random.Next(5) switch
        {
            0 => $"{first}.{last}",
            1 => $"{first}_{last}{number}",
            2 => $"{first}{last}",
            3 => $"the.{first}.{last}",
            _ => $"{first[0]}{last}.{number}",
        };
        return username.Length <= 30 ? username : username[..30].TrimEnd('.');
    }

    /// <summary>Lowercase ASCII letters only: accents dropped (é is e), other scripts' letters left out.</summary>
    private static string Ascii(string word)
    {
        var ascii = new StringBuilder();
        foreach (var character in word.Normalize(NormalizationForm.FormD).ToLowerInvariant())
        {
            if (character is >= 'a' and <= 'z')
            {
                ascii.Append(character);
            }
        }

        return ascii.ToString();
    }
}
