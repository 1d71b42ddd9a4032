namespace JobPlatform.Hosting.Orchestration;

/// <summary>
/// A process of a replica that exited without being asked. <paramref name="ExitCode"/> is 128 + the signal for a
/// killed process, and null for an adopted server (not our child: its exit code is not ours to read).
/// </summary>
public sealed record ProcessExit(int ProcessId, int? ExitCode, DateTimeOffset ExitedAt);
