namespace JobPlatform.ProviderSandbox.Apify;

/// <summary>
/// A run at one instant: its status, when it finished (if it did), the share of its items pushed so far, and when
/// its status changes next (what a long poll waits for).
/// </summary>
internal sealed record RunState(string Status, DateTimeOffset? FinishedAt, double Progress, DateTimeOffset? NextChange)
{
    public bool IsTerminal => RunStatuses.IsTerminal(Status);
}
