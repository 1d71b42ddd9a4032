using JobPlatform.Bench.Harness;

namespace JobPlatform.Bench.Reporting;

/// <summary>
/// <see cref="Users"/> distinct usernames asked at once (one profile GET each) with the sandbox's
/// <see cref="LatencyProfile"/>, then the <c>profile_analysis</c> jobs that completed within the window after that burst.
/// </summary>
/// <param name="JobsStarted">GETs answered with a <c>background_job</c> (the rest were refused or failed).</param>
/// <param name="EndToEndP50Seconds">Accept to completion of the completed ones; null when none completed.</param>
/// <param name="CompletedByMinute">Completions in each minute of the window (the first minutes hold the ramp-up).</param>
/// <param name="StillRunning">Processing, or waiting for their AI child jobs, at the window's end.</param>
/// <param name="Cancelled">Jobs (analyses and their child jobs) cancelled through the API after the window.</param>
public sealed record ProfileAnalysesRun(
    string LatencyProfile,
    int Users,
    int JobsStarted,
    double WindowSeconds,
    int Completed,
    double CompletedPerMinute,
    double? EndToEndP50Seconds,
    IReadOnlyList<int> CompletedByMinute,
    int Failed,
    int StillQueued,
    int StillRunning,
    int Cancelled,
    IReadOnlyList<ResourceUsage> Resources);
