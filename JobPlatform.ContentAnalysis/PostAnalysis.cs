namespace JobPlatform.ContentAnalysis;

/// <summary>The three analyses of one post, and the engine that produced them (e.g. <c>local</c>, <c>llm</c>).</summary>
public sealed record PostAnalysis(string PostId, LanguageGuess Language, SentimentScore Sentiment, CategoryGuess Category, string Engine);
