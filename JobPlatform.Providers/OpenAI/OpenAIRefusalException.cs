namespace JobPlatform.Providers.OpenAI;

/// <summary>The model declined to answer (Structured Outputs' <c>refusal</c>): asking again will not change that.</summary>
public sealed class OpenAIRefusalException(string refusal)
    : ProviderException(Http.ProviderIdentity.OpenAI.Name, $"OpenAI's model refused to answer: {(refusal.Length <= 300 ? refusal : $"{refusal[..300]}...")}", transient: false)
{
    public string Refusal { get; } = refusal;
}
