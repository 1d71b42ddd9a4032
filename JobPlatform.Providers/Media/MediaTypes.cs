namespace JobPlatform.Providers.Media;

/// <summary>What may be re-hosted (images and videos), and the extension each type's objects get.</summary>
internal static class MediaTypes
{
    private static readonly Dictionary<string, string> Extensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["image/jpeg"] = ".jpg",
        ["image/png"] = ".png",
        ["image/webp"] = ".webp",
        ["image/gif"] = ".gif",
        ["image/heic"] = ".heic",
        ["video/mp4"] = ".mp4",
        ["video/quicktime"] = ".mov",
        ["video/webm"] = ".webm",
    };

    public static bool IsMedia(string? mediaType) =>
        mediaType is not null
        && (mediaType.StartsWith("image/", StringComparison.OrdinalIgnoreCase) || mediaType.StartsWith("video/", StringComparison.OrdinalIgnoreCase));

    /// <summary>The usual extension, or none for a type without one here: the stored Content-Type still says what it is.</summary>
    public static string ExtensionOf(string mediaType) => Extensions.GetValueOrDefault(mediaType, "");
}
