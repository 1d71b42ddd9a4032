namespace JobPlatform.Tests.Infrastructure;

/// <summary>A process as <see cref="LinuxProcesses"/> knows it: its id, and its start time (ticks after boot) since ids are reused.</summary>
public sealed record ProcessIdentity(int ProcessId, long StartTime);
