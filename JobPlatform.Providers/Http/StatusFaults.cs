using System.Net;

namespace JobPlatform.Providers.Http;

/// <summary>The HTTP reading of a failure, which each provider refines with its own error codes.</summary>
internal static class StatusFaults
{
    public static FaultKind KindOf(HttpStatusCode status) => status switch
    {
        HttpStatusCode.TooManyRequests => FaultKind.RateLimited,
        HttpStatusCode.RequestTimeout or >= HttpStatusCode.InternalServerError => FaultKind.Transient,
        _ => FaultKind.Permanent,
    };
}
