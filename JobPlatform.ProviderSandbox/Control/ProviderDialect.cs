namespace JobPlatform.ProviderSandbox.Control;

/// <summary>
/// What differs from one provider to the next at its door: how it checks a credential, the headers all its answers
/// carry, and how its own error answers look. <see cref="ProviderGate{TDialect}"/> applies it to every request.
/// </summary>
internal abstract class ProviderDialect
{
    /// <summary>Headers on every answer of the provider, errors included (request ids, rate-limit counters).</summary>
    public virtual void AddResponseHeaders(HttpContext http, ProviderOperation operation)
    {
    }

    /// <summary>The provider's refusal when the request's credential is missing or wrong; null when it may proceed.</summary>
    public abstract IResult? Authorize(HttpContext http, ProviderOperation operation);

    /// <summary>The provider's own answer with the status of an injected fault.</summary>
    public abstract IResult Failure(HttpContext http, ProviderOperation operation, Fault fault);
}
