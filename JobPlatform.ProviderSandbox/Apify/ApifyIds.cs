using System.Security.Cryptography;
using JobPlatform.ProviderSandbox.SyntheticData;

namespace JobPlatform.ProviderSandbox.Apify;

/// <summary>Apify's ids: 17 letters and digits.</summary>
internal static class ApifyIds
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private const int Length = 17;

    /// <summary>A new, unguessable id (runs and their storages: the run id is Apify's only secret for reading a run).</summary>
    public static string New() => RandomNumberGenerator.GetString(Alphabet, Length);

    /// <summary>The same id for the same parts (actors, users).</summary>
    public static string For(params ReadOnlySpan<string> parts)
    {
        var random = new DeterministicRandom(StableHash.Of(parts));
        return string.Create(Length, random, (id, generator) =>
        {
            for (var position = 0; position < id.Length; position++)
            {
                id[position] = Alphabet[generator.Next(Alphabet.Length)];
            }
        });
    }

    /// <summary>Whether a path segment can be an id the sandbox made: it names a file, so nothing else may pass.</summary>
    public static bool IsWellFormed(string id) => id.Length == Length && id.All(char.IsAsciiLetterOrDigit);
}
