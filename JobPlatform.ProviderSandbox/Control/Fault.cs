namespace JobPlatform.ProviderSandbox.Control;

/// <summary>
/// An injected fault, for the next <see cref="Count"/> requests of <see cref="Provider"/> (and of
/// <see cref="Operation"/>, when set). <see cref="ErrorCode"/> picks the provider's error when one status has several
/// (OpenAI's insufficient_quota, a Graph code such as 613 or 80004/2446079, an S3 code, an Apify error type).
/// </summary>
internal sealed record Fault(
    long Id,
    string Provider,
    string? Operation,
    FaultKind Kind,
    int Count,
    int? Status = null,
    int? RetryAfterSeconds = null,
    int? DelayMs = null,
    string? StatusWord = null,
    string? ErrorCode = null)
{
    /// <summary>How long a timeout fault hangs when the fault names no delay: five minutes, longer than any client waits.</summary>
    public const int DefaultTimeoutMs = 300_000;
}
