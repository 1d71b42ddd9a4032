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
    ApiKeyDirectory keys,
    IConfiguration configuration,
    IProblemDetailsService problems) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string OperatorRole = "operator";

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

        var caller = await keys.FindAsync(key);
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

/// <summary>
/// The users' keys, looked up by hash and cached briefly per replica: a request must not pay a database round trip
/// for authentication. Requests that find a key uncached at the same moment share one lookup; otherwise, at thousands
/// of requests per second, each expiry would send every request in flight to the database at once.
/// </summary>
public sealed class ApiKeyDirectory(IServiceScopeFactory scopes, IMemoryCache cache)
{
    private static readonly TimeSpan CacheDuration = TimeSpan.FromSeconds(30);

    public async Task<Caller?> FindAsync(string key)
    {
        var hash = ApiKeys.Hash(key);
        var cacheKey = Convert.ToHexString(hash);
        var lookup = cache.GetOrCreate(cacheKey, entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheDuration;
            return new Lazy<Task<Caller?>>(() => LookUpAsync(hash));
        })!;
        try
        {
            return await lookup.Value;
        }
        catch
        {
            cache.Remove(cacheKey); // a failed lookup (database unavailable) is not remembered
            throw;
        }
    }

    // Its own scope, not the request's: the lookup is shared, and outlives a request that gives up.
    private async Task<Caller?> LookUpAsync(byte[] hash)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<JobsDbContext>().ApiKeys.AsNoTracking().Where(k => k.KeyHash == hash)
            .Select(k => new Caller(k.UserId, k.User!.TenantId, k.User.Tenant!.Tier))
            .SingleOrDefaultAsync();
    }
}

public static class ApiKeys
{
    public static string Generate() => "jp_" + Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
