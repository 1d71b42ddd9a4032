namespace JobPlatform.Api.Auth;

public static class Policies
{
    /// <summary>A tenant's user, authenticated by their API key.</summary>
    public const string User = "user";

    /// <summary>The operator key: the admin API.</summary>
    public const string Operator = "operator";
}
