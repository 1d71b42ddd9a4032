namespace JobPlatform.ProviderSandbox.Apify;

/// <summary>Apify's run statuses (ActorJobStatus), hyphens included.</summary>
internal static class RunStatuses
{
    public const string Ready = "READY";
    public const string Running = "RUNNING";
    public const string Succeeded = "SUCCEEDED";
    public const string Failed = "FAILED";
    public const string TimingOut = "TIMING-OUT";
    public const string TimedOut = "TIMED-OUT";
    public const string Aborting = "ABORTING";
    public const string Aborted = "ABORTED";

    public static bool IsTerminal(string status) => status is Succeeded or Failed or TimedOut or Aborted;
}
