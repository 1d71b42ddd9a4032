namespace JobPlatform.ProviderSandbox.OpenAI;

/// <summary>A chat completion (fields of the OpenAI SDK's ChatCompletion).</summary>
internal sealed record ChatCompletion(
    string Id,
    string Object,
    long Created,
    string Model,
    IReadOnlyList<ChatChoice> Choices,
    ChatUsage Usage,
    string ServiceTier,
    string SystemFingerprint);
