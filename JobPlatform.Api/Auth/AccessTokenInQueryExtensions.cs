namespace JobPlatform.Api.Auth;

public static class AccessTokenInQueryExtensions
{
    /// <summary>Lets the endpoint's callers pass their API key as <c>?access_token=</c> (<see cref="AccessTokenInQuery"/>).</summary>
    public static TBuilder AllowAccessTokenInQuery<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(AccessTokenInQuery.Instance);
}
