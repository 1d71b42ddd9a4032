using System.Globalization;
using System.Text;

namespace JobPlatform.ContentAnalysis.Sentiment;

/// <summary>Splits text into words and emoji; an emoji glued to a word (<c>love😍</c>) is still its own token.</summary>
internal static class SentimentTokenizer
{
    private const char VariationSelector16 = '\uFE0F';

    public static List<SentimentToken> Tokenize(string text, SentimentLexicon lexicon)
    {
        var tokens = new List<SentimentToken>();
        var word = new StringBuilder();
        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            var element = elements.GetTextElement();
            var emoji = WithoutPresentationMarks(element);
            if (lexicon.Emoji.ContainsKey(emoji))
            {
                Flush(word, tokens, lexicon);
                tokens.Add(new SentimentToken(emoji, emoji, IsEmoji: true));
            }
            else if (string.IsNullOrWhiteSpace(element))
            {
                Flush(word, tokens, lexicon);
            }
            else
            {
                word.Append(element);
            }
        }

        Flush(word, tokens, lexicon);
        return tokens;
    }

    private static void Flush(StringBuilder word, List<SentimentToken> tokens, SentimentLexicon lexicon)
    {
        if (word.Length == 0)
        {
            return;
        }

        var raw = word.ToString();
        word.Clear();
        // Emoticons (":)", "<3") are lexicon entries made of punctuation: keep them whole; trim punctuation off words.
        var text = lexicon.Contains(raw.ToLowerInvariant()) ? raw : raw.Trim(PunctuationAround(raw));
        // Single letters carry no sentiment and would pass as SHOUTED words ("I").
        if (text.Length >= 2)
        {
            tokens.Add(new SentimentToken(text, text.ToLowerInvariant(), IsEmoji: false));
        }
    }

    private static char[] PunctuationAround(string word) => [.. word.Where(c => char.IsPunctuation(c) || char.IsSymbol(c)).Distinct()];

    // The same emoji comes with or without the emoji-presentation selector and with skin tones; the table has the base form.
    private static string WithoutPresentationMarks(string element)
    {
        var builder = new StringBuilder(element.Length);
        foreach (var rune in element.EnumerateRunes())
        {
            if (rune.Value != VariationSelector16 && rune.Value is < 0x1F3FB or > 0x1F3FF)
            {
                builder.Append(rune.ToString());
            }
        }

        return builder.ToString();
    }
}
