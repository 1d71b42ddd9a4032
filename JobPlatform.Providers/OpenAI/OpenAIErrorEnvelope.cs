namespace JobPlatform.Providers.OpenAI;

internal sealed record OpenAIErrorEnvelope(OpenAIError? Error = null);
