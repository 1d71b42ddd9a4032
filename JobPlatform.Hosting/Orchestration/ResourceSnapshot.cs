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
}

public enum HealthStatus
{
    Unknown,
    Healthy,
    Unhealthy,
}

/// <summary>One replica of a resource at a moment: what the dashboard, its JSON and tests read.</summary>
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
    IReadOnlyList<string> RecentOutput,
    string? Value = null);
