namespace JobPlatform.Providers.Apify;

/// <summary>
/// An actor run its caller follows itself (<see cref="ApifyClient.CheckRunAsync"/>), across the steps of a job that gives
/// its worker slot back between checks: serializable, so that the job can keep it.
/// </summary>
public sealed record ApifyStartedRun(string Id, string Actor, string DatasetId, DateTimeOffset StartedAt);
