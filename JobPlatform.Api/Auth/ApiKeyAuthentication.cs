using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using JobPlatform.Engine.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace JobPlatform.Api.Auth;

/// <summary>
/// <c>Authorization: Bearer &lt;api key&gt;</c>. A user's key is looked up by its SHA-256 hash (keys are stored hashed);
/// the operator key comes from configuration (<c>Operator:ApiKey</c>) and grants the admin API only.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    JobsDbContext db,
    IMemoryCache cache,
    IConfiguration configuration,
    IProblemDetailsService problems) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string OperatorRole = "operator";
    private static readonly TimeSpan CacheDuration = TimeSpan.FromSeconds(30);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (ReadKey() is not { } key)
        {
            return AuthenticateResult.NoResult();
        }

        if (configuration["Operator:ApiKey"] is { Length: > 0 } operatorKey
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(operatorKey)))
        {
            return Success(new Claim(ClaimTypes.Role, OperatorRole), new Claim(ClaimTypes.NameIdentifier, "operator"));
        }

        var hash = ApiKeys.Hash(key);
        // Cached briefly: the accept path must not pay a database round trip for authentication.
        var caller = await cache.GetOrCreateAsync(Convert.ToHexString(hash), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheDuration;
            return await db.ApiKeys.AsNoTracking().Where(k => k.KeyHash == hash)
                .Select(k => new Caller(k.UserId, k.User!.TenantId, k.User.Tenant!.Tier))
                .SingleOrDefaultAsync(Context.RequestAborted);
        });
        return caller is null
            ? AuthenticateResult.Fail("Unknown API key.")
            : Success(new Claim(ClaimTypes.NameIdentifier, caller.UserId.ToString()),
                new Claim(Caller.TenantClaim, caller.TenantId.ToString()), new Claim(Caller.TierClaim, caller.Tier));
    }

    private string? ReadKey()
    {
        var header = Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return header["Bearer ".Length..].Trim();
        }

        // EventSource and browser WebSockets cannot send headers: the live-update endpoints take the key in the query.
        var streaming = Request.Path.StartsWithSegments("/ws") || Request.Path.Value?.EndsWith("/events", StringComparison.Ordinal) == true;
        return streaming && Request.Query["access_token"] is [{ Length: > 0 } token] ? token : null;
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(StatusCodes.Status401Unauthorized, "Authentication required",
            "Send 'Authorization: Bearer <api key>'; the key was missing or is not known.");

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(StatusCodes.Status403Forbidden, "Forbidden", "This endpoint needs the operator key.");

    private async Task WriteProblemAsync(int status, string title, string detail)
    {
        Response.StatusCode = status;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }

    private AuthenticateResult Success(params Claim[] claims) =>
        AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName));
}

/// <summary>The authenticated user a request acts for.</summary>
public sealed record Caller(Guid UserId, Guid TenantId, string Tier)
{
    public const string TenantClaim = "tenant_id";
    public const string TierClaim = "tier";

    public static Caller From(ClaimsPrincipal user) => new(
        Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!),
        Guid.Parse(user.FindFirstValue(TenantClaim)!),
        user.FindFirstValue(TierClaim)!);
}

public static class ApiKeys
{
    public static string Generate() => "jp_" + Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
