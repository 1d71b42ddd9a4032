namespace JobPlatform.Hosting.Orchestration;

/// <summary>Aspire's resource states, as the dashboard shows them.</summary>
public enum ResourceState
{
    NotStarted,
    Waiting,
    Starting,
    Running,
    Stopping,

    /// <summary>Stopped on request.</summary>
    Finished,

    /// <summary>Could not start, or exited without being asked to.</summary>
    Failed,

    /// <summary>A service replica that exited without being asked to, waiting out its backoff before it starts again.</summary>
    Restarting,
}

public enum HealthStatus
{
    Unknown,
    Healthy,
    Unhealthy,
}

/// <summary>
/// One replica of a resource at a moment: what the dashboard, its JSON and tests read. <paramref name="ExitCode"/> and
/// <paramref name="Error"/> say why it is Failed or Restarting. <paramref name="Restarts"/> counts the times it came
/// back after a process exited unasked: started again by the AppHost (a service), or restarted by someone else and
/// adopted (a server); <paramref name="LastExit"/> is the latest such exit.
/// </summary>
public sealed record ResourceSnapshot(
    string Name,
    string Resource,
    string ResourceType,
    ResourceState State,
    HealthStatus Health,
    int? ExitCode,
    string? Error,
    IReadOnlyList<int> ProcessIds,
    IReadOnlyList<string> Urls,
    DateTimeOffset? StartedAt,
    int Restarts,
    ProcessExit? LastExit,
    IReadOnlyList<string> RecentOutput,
    string? Value = null);
