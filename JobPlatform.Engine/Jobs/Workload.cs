namespace JobPlatform.Engine.Jobs;

/// <summary>The worker pools: each consumes its own lane queues (<see cref="Messaging.JobQueues"/>).</summary>
public enum Workload
{
    General,
    Ai,
}
