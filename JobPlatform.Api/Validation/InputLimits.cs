namespace JobPlatform.Api.Validation;

/// <summary>
/// The bounds on what a request may carry, in one place (docs/architecture.md lists them per endpoint), but for JSON
/// nesting, which is the JSON contract's (<c>JobJson.MaxDepth</c>). Bodies beyond their endpoint's size are refused by
/// the server while they are read (413), before anything is parsed or stored.
/// </summary>
public static class InputLimits
{
    /// <summary>Any endpoint that declares no size of its own.</summary>
    public const long DefaultBodyBytes = 64 * 1024;

    /// <summary><c>POST /api/v1/jobs</c>: a job's parameters describe work, they are not its data.</summary>
    public const long JobRequestBodyBytes = 256 * 1024;

    /// <summary>Any string inside job parameters (a post's caption is at most a few thousand characters).</summary>
    public const int ParameterStringLength = 10_000;

    /// <summary>Tenant and user names.</summary>
    public const int NameLength = 200;

    public const int IdempotencyKeyLength = 200;

    /// <summary>An operator may grant up to this many credits at once; balances stay far from overflow.</summary>
    public const long MaxCredits = 1_000_000_000_000;
}
