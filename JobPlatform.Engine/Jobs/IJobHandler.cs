namespace JobPlatform.Engine.Jobs;

/// <summary>
/// Runs the jobs of one <see cref="IJobType"/>: the extension point of the workers. Register it with
/// <c>AddJobHandler&lt;T&gt;()</c> in the workers of its type's workload.
/// </summary>
public interface IJobHandler
{
    /// <summary>The <see cref="IJobType.Name"/> it runs.</summary>
    string JobType { get; }

    /// <summary>
    /// Runs one step of an attempt: the whole job, or, for a job that starts children, the part up to its next wait
    /// (<see cref="JobStep.AwaitChildren"/>). Throws to fail the attempt (<see cref="PermanentJobFailureException"/>
    /// to fail the job without retries).
    /// </summary>
    Task<JobStep> ExecuteAsync(JobExecutionContext context, CancellationToken cancellationToken);
}
