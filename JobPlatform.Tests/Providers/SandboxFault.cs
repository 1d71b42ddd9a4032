namespace JobPlatform.Tests.Providers;

/// <summary>
/// A fault for the sandbox to inject (<c>POST /_sandbox/faults</c>, snake_case): the next <see cref="Count"/> requests
/// of <see cref="Provider"/>'s <see cref="Operation"/> (any operation when null) get it.
/// </summary>
/// <param name="Kind"><c>status</c>, <c>timeout</c> (hang, then drop), <c>malformed</c> (a 200 cut in half) or <c>latency</c>.</param>
/// <param name="ErrorCode">Which of the provider's errors, when one status has several (<c>insufficient_quota</c>, <c>80004</c>...).</param>
/// <param name="StatusWord">For Apify's <c>run-outcome</c> operation: how the next run ends (<c>FAILED</c>, <c>TIMED-OUT</c>, <c>ABORTED</c>).</param>
public sealed record SandboxFault(
    string Provider,
    string? Operation,
    string Kind,
    int? Status = null,
    int? RetryAfterSeconds = null,
    int? DelayMs = null,
    int Count = 1,
    string? ErrorCode = null,
    string? StatusWord = null)
{
    public static SandboxFault RunOutcome(string statusWord) => new("apify", "run-outcome", "outcome", StatusWord: statusWord);

    public static SandboxFault WithStatus(string provider, string? operation, int status, int count = 1, int? retryAfterSeconds = null, string? errorCode = null) =>
        new(provider, operation, "status", status, retryAfterSeconds, Count: count, ErrorCode: errorCode);
}
