namespace JobPlatform.ContentAnalysis.Sentiment;

/// <summary>A word as written (its case matters for emphasis), lowercased for look-ups; or one emoji.</summary>
internal readonly record struct SentimentToken(string Text, string Lowercase, bool IsEmoji)
{
    /// <summary>SHOUTED: at least two letters, and no lowercase one.</summary>
    public bool IsAllCaps => !IsEmoji && Text.Count(char.IsLetter) >= 2 && !Text.Any(char.IsLower);
}
