namespace JobPlatform.ProviderSandbox.Control;

/// <summary>The body of <c>POST /_sandbox/faults</c> (snake_case).</summary>
internal sealed record FaultRequest(
    string? Provider,
    string? Operation,
    string? Kind,
    int? Status,
    int? RetryAfterSeconds,
    int? DelayMs,
    int? Count,
    string? StatusWord,
    string? ErrorCode);
