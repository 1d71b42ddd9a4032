namespace JobPlatform.Providers.Telemetry;

/// <summary>How a provider call ended: the <c>outcome</c> tag of the call-duration histogram.</summary>
internal static class CallOutcome
{
    public const string Success = "success";
    public const string ClientError = "client_error";
    public const string RateLimited = "rate_limited";
    public const string ServerError = "server_error";
    public const string Timeout = "timeout";
    public const string Unreachable = "unreachable";
    public const string CircuitOpen = "circuit_open";
    /// <summary>An answer arrived but could not be used: malformed, too large, of the wrong type.</summary>
    public const string InvalidResponse = "invalid_response";
    public const string Cancelled = "cancelled";
    public const string Error = "error";
}
