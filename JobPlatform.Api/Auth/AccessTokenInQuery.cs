namespace JobPlatform.Api.Auth;

/// <summary>
/// Endpoint metadata: the endpoint's clients cannot send headers (EventSource, a browser's WebSocket), so
/// <see cref="ApiKeyAuthenticationHandler"/> also reads the API key from <c>?access_token=</c> there, and only there.
/// A key in a URL can end up in logs and histories: no other endpoint takes it.
/// </summary>
public sealed class AccessTokenInQuery
{
    public const string QueryName = "access_token";

    public static readonly AccessTokenInQuery Instance = new();

    private AccessTokenInQuery()
    {
    }
}
