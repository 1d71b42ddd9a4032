using System.Text.RegularExpressions;

namespace JobPlatform.ContentAnalysis.Text;

/// <summary>
/// Removes what carries no language or sentiment of its own from a caption: links and @mentions always, and, for
/// language detection, hashtags too (creators tag in English whatever language they write in).
/// </summary>
internal static partial class PostTextCleaner
{
    public static string WithoutLinksAndMentions(string? caption) =>
        string.IsNullOrEmpty(caption) ? string.Empty : MentionPattern().Replace(LinkPattern().Replace(caption, " "), " ");

    public static string ProseOnly(string? caption) => HashtagPattern().Replace(WithoutLinksAndMentions(caption), " ");

    /// <summary>The words of the caption and the hashtags, each hashtag once, split where its camelCase says so.</summary>
    public static string WordsAndHashtags(PostText post)
    {
        var caption = WithoutLinksAndMentions(post.Caption);
        var hashtagsInCaption = HashtagPattern().Matches(caption).Select(match => match.Value[1..]).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var words = HashtagPattern().Replace(caption, match => " " + SplitHashtag(match.Value[1..]) + " ");
        var extraHashtags = post.Hashtags
            .Where(tag => !string.IsNullOrWhiteSpace(tag) && !hashtagsInCaption.Contains(tag.TrimStart('#')))
            .Select(tag => SplitHashtag(tag.TrimStart('#')));
        return string.Join(' ', [words, .. extraHashtags]);
    }

    /// <summary><c>MondayMotivation</c> becomes <c>Monday Motivation</c>, <c>street_style</c> becomes <c>street style</c>.</summary>
    public static string SplitHashtag(string hashtag) => CamelCaseBoundary().Replace(hashtag.Replace('_', ' '), " ");

    public static bool HasLetters(string text) => text.Any(char.IsLetter);

    [GeneratedRegex(@"(https?://|www\.)\S+", RegexOptions.IgnoreCase)]
    private static partial Regex LinkPattern();

    [GeneratedRegex(@"(?<![\w@])@[\w.]+")]
    private static partial Regex MentionPattern();

    [GeneratedRegex(@"(?<![\w#])#[\p{L}\p{Mn}\p{Nd}_]+")]
    private static partial Regex HashtagPattern();

    [GeneratedRegex(@"(?<=\p{Ll})(?=\p{Lu})")]
    private static partial Regex CamelCaseBoundary();
}
