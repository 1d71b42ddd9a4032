namespace JobPlatform.ProviderSandbox.Control;

/// <summary>A pending fault, with how many requests it still takes.</summary>
internal sealed record FaultResponse(
    long Id,
    string Provider,
    string? Operation,
    string Kind,
    int Remaining,
    int? Status,
    int? RetryAfterSeconds,
    int? DelayMs,
    string? StatusWord,
    string? ErrorCode);
