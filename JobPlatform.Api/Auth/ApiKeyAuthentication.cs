using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using JobPlatform.Api.RateLimiting;
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

    private ApiKeyLookup.Refused? refusedLookup;

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

        switch (await keys.FindAsync(key, Context.Connection.RemoteIpAddress))
        {
            case ApiKeyLookup.Known(var caller):
                return Success(new Claim(ClaimTypes.NameIdentifier, caller.UserId.ToString()),
                    new Claim(Caller.TenantClaim, caller.TenantId.ToString()), new Claim(Caller.TierClaim, caller.Tier));
            case ApiKeyLookup.Refused refused:
                // Answered by the challenge: only endpoints that need a key refuse (a probe of /health is not held up).
                refusedLookup = refused;
                return AuthenticateResult.Fail(refused.Detail);
            default:
                return AuthenticateResult.Fail("Unknown API key.");
        }
    }

    private string? ReadKey()
    {
        var header = Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return header["Bearer ".Length..].Trim();
        }

        // Routing has already chosen the endpoint: only those mapped with AllowAccessTokenInQuery() take the query.
        var queryAllowed = Context.GetEndpoint()?.Metadata.GetMetadata<AccessTokenInQuery>() is not null;
        return queryAllowed && Request.Query[AccessTokenInQuery.QueryName] is [{ Length: > 0 } token] ? token : null;
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) => refusedLookup is { } refused
        ? RateLimitProblem.WriteAsync(Context, problems, refused.Decision, RateLimitProblem.ClientAddress, refused.Detail)
        : WriteProblemAsync(StatusCodes.Status401Unauthorized, "Authentication required",
            "Send 'Authorization: Bearer <api key>'; the key was missing or is not known.");

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(StatusCodes.Status403Forbidden, "Forbidden", "This endpoint needs the operator key.");

    private async Task WriteProblemAsync(int status, string title, string detail)
    {
        Response.StatusCode = status;
        if (status == StatusCodes.Status401Unauthorized)
        {
            // R-X-1: every dialect's 401 names the scheme it expects.
            Response.Headers.WWWAuthenticate = "Bearer";
        }

        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }

    private static AuthenticateResult Success(params Claim[] claims) =>
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
/// of requests per second, each expiry would send every request in flight to the database at once. Unknown keys are
/// cached too, so a client repeating a wrong key costs no lookup; a lookup that does reach the database is charged to
/// the client address first (<see cref="KeyLookupThrottle"/>), so distinct made-up keys cannot each cost one.
/// </summary>
public sealed class ApiKeyDirectory(IServiceScopeFactory scopes, IMemoryCache cache, KeyLookupThrottle throttle)
{
    private static readonly TimeSpan CacheDuration = TimeSpan.FromSeconds(30);

    public async Task<ApiKeyLookup> FindAsync(string key, IPAddress? client)
    {
        var hash = ApiKeys.Hash(key);
        var cacheKey = Convert.ToHexString(hash);
        var lookup = cache.GetOrCreate(cacheKey, entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheDuration;
            return new Lazy<Task<ApiKeyLookup>>(() => LookUpAsync(hash, client));
        })!;
        try
        {
            var found = await lookup.Value;
            if (found is ApiKeyLookup.Refused)
            {
                // Says nothing about the key: the next request looks it up, on its own address's budget. Requests that
                // shared this lookup share its refusal, whatever their address.
                cache.Remove(cacheKey);
            }

            return found;
        }
        catch
        {
            cache.Remove(cacheKey); // a failed lookup (database unavailable) is not remembered
            throw;
        }
    }

    // Its own scope, not the request's: the lookup is shared, and outlives a request that gives up.
    private async Task<ApiKeyLookup> LookUpAsync(byte[] hash, IPAddress? client)
    {
        if (await throttle.BeforeLookupAsync(client) is { Allowed: false } refused)
        {
            return new ApiKeyLookup.Refused(refused, throttle.DescribeLimit());
        }

        await using var scope = scopes.CreateAsyncScope();
        var caller = await scope.ServiceProvider.GetRequiredService<JobsDbContext>().ApiKeys.AsNoTracking().Where(k => k.KeyHash == hash)
            .Select(k => new Caller(k.UserId, k.User!.TenantId, k.User.Tenant!.Tier))
            .SingleOrDefaultAsync();
        if (caller is null)
        {
            await throttle.UnknownKeyAsync(client);
            return new ApiKeyLookup.Unknown();
        }

        return new ApiKeyLookup.Known(caller);
    }
}

public static class ApiKeys
{
    public static string Generate() => "jp_" + Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
