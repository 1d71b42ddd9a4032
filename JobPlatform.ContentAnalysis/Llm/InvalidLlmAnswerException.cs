namespace JobPlatform.ContentAnalysis.Llm;

/// <summary>The model answered, but not what the contract asks (docs/requirements.md R-003-12): counted as a failure of the LLM.</summary>
public sealed class InvalidLlmAnswerException(string message) : Exception(message);
