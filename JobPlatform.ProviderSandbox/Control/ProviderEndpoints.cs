namespace JobPlatform.ProviderSandbox.Control;

/// <summary>How a provider's endpoints are declared: a group behind the provider's gate, each endpoint naming its operation.</summary>
internal static class ProviderEndpoints
{
    public static RouteGroupBuilder MapProviderGroup<TDialect>(this IEndpointRouteBuilder app, string prefix)
        where TDialect : ProviderDialect =>
        app.MapGroup(prefix).AddEndpointFilter<ProviderGate<TDialect>>();

    public static RouteHandlerBuilder IsOperation(this RouteHandlerBuilder endpoint, string provider, string operation, bool credentialOptional = false)
    {
        if (!ProviderCatalog.IsOperation(provider, operation))
        {
            throw new InvalidOperationException($"{provider} has no operation {operation} in the catalog.");
        }

        return endpoint.WithMetadata(new ProviderOperation(provider, operation, credentialOptional));
    }
}
