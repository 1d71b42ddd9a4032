using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using JobPlatform.ProviderSandbox.Control;

namespace JobPlatform.ProviderSandbox.FacebookGraph;

/// <summary>
/// The Graph API at the door: the token as <c>access_token=</c> (what Meta's SDKs send) or <c>Authorization: Bearer</c>;
/// refusals with HTTP 400, OAuthException codes and Graph's <c>WWW-Authenticate</c>; usage headers on every answer;
/// rate limits the Graph way (HTTP 400, codes 4/17/613/80000/80004), never a 429.
/// </summary>
internal sealed class GraphDialect(ProviderCredentials credentials, CallCounter calls) : ProviderDialect
{
    /// <summary>Graph's rate-limit codes: a status fault with one of these (or a 429) is a rate limit.</summary>
    private static readonly Dictionary<int, (int? Subcode, string Message, bool Transient)> RateLimits = new()
    {
        [4] = (null, "(#4) Application request limit reached", true),
        [17] = (2446079, "(#17) User request limit reached", true),
        [32] = (null, "(#32) Page request limit reached", false),
        [613] = (1487742, "(#613) Calls to this api have exceeded the rate limit.", false),
        [80000] = (2446079, "(#80000) There have been too many calls from this ad-account. Wait a bit and try again. For more info, please refer to https://developers.facebook.com/docs/graph-api/overview/rate-limiting#ads-insights.", false),
        [80004] = (2446079, "(#80004) There have been too many calls to this ad-account. Wait a bit and try again. For more info, please refer to https://developers.facebook.com/docs/graph-api/overview/rate-limiting#ads-management.", false),
    };

    public override void AddResponseHeaders(HttpContext http, ProviderOperation operation)
    {
        http.Response.Headers["x-fb-trace-id"] = GraphErrors.NewTraceId();
        http.Response.Headers["x-fb-request-id"] = GraphErrors.NewTraceId();
        var percent = GraphUsage.Percent(calls.Calls(ProviderCatalog.Graph));
        GraphUsage.WriteAppUsage(http.Response, percent);
        if (GraphUsage.AccountOf(http.Request) is { } account)
        {
            GraphUsage.WriteBusinessUseCase(http.Response, account, UseCase(operation), percent, 0);
        }
    }

    public override IResult? Authorize(HttpContext http, ProviderOperation operation)
    {
        var token = Token(http.Request);
        if (token is null)
        {
            // Graph words it differently for /me, which needs to know whose token it is.
            var (code, message) = operation.Name == "adaccounts"
                ? (2500, "An active access token must be used to query information about the current user.")
                : (104, "An access token is required to request this resource.");
            http.Response.Headers.WWWAuthenticate = $"OAuth \"Facebook Platform\" \"invalid_request\" \"{message}\"";
            return GraphErrors.Error(code, message);
        }

        if (CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(credentials.GraphAccessToken)))
        {
            return null;
        }

        const string invalid = "Invalid OAuth access token - Cannot parse access token";
        http.Response.Headers.WWWAuthenticate = $"OAuth \"Facebook Platform\" \"invalid_token\" \"{invalid}\"";
        return GraphErrors.Error(190, invalid);
    }

    public override IResult Failure(HttpContext http, ProviderOperation operation, Fault fault)
    {
        var status = fault.Status ?? StatusCodes.Status400BadRequest;
        var (code, subcode) = ReadCode(fault.ErrorCode);
        if (status == StatusCodes.Status429TooManyRequests || code is { } requested && RateLimits.ContainsKey(requested))
        {
            var limitCode = code ?? DefaultRateLimit(operation);
            var limit = RateLimits[limitCode];
            GraphUsage.WriteAppUsage(http.Response, 100);
            if (GraphUsage.AccountOf(http.Request) is { } account)
            {
                GraphUsage.WriteBusinessUseCase(http.Response, account, UseCase(operation), 100, (int)Math.Ceiling((fault.RetryAfterSeconds ?? 0) / 60.0));
            }

            return GraphErrors.Error(limitCode, limit.Message, subcode ?? limit.Subcode, isTransient: limit.Transient ? true : null);
        }

        if (code is { } chosen)
        {
            return GraphErrors.Error(chosen, $"(#{chosen.ToString(CultureInfo.InvariantCulture)}) Error injected by the sandbox.", subcode, status: status);
        }

        return status switch
        {
            StatusCodes.Status401Unauthorized => GraphErrors.Error(190, "Error validating access token: Session has expired.", 463, status: status),
            StatusCodes.Status403Forbidden => GraphErrors.Error(10, "(#10) Application does not have permission for this action", status: status),
            StatusCodes.Status404NotFound => GraphErrors.UnsupportedGet(http.Request.Path.Value ?? ""),
            StatusCodes.Status500InternalServerError => GraphErrors.Error(1, "An unknown error has occurred.", status: status, isTransient: true),
            >= 500 => GraphErrors.Error(2, "An unexpected error has occurred. Please retry your request later.", status: status, isTransient: true),
            _ => GraphErrors.Error(100, "(#100) Invalid parameter", status: status),
        };
    }

    public static string? Token(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        foreach (var scheme in new[] { "Bearer ", "OAuth " })
        {
            if (authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            {
                return authorization[scheme.Length..].Trim();
            }
        }

        return request.Query["access_token"] is { Count: > 0 } token ? token.ToString() : null;
    }

    private static int DefaultRateLimit(ProviderOperation operation) => operation.Name switch
    {
        "adaccounts" => 17,
        "insights" => 80000,
        "video" => 4,
        _ => 80004,
    };

    private static string UseCase(ProviderOperation operation) => operation.Name == "insights" ? "ads_insights" : "ads_management";

    /// <summary>A fault's error code, "613" or "80004/2446079" (code/subcode).</summary>
    private static (int? Code, int? Subcode) ReadCode(string? errorCode)
    {
        var parts = (errorCode ?? "").Split('/');
        return (int.TryParse(parts[0], CultureInfo.InvariantCulture, out var code) ? code : null,
            parts.Length > 1 && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var subcode) ? subcode : null);
    }
}
