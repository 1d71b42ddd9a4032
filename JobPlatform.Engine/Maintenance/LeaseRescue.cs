using JobPlatform.Engine.Jobs;
using JobPlatform.Engine.Store;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace JobPlatform.Engine.Maintenance;

/// <summary>
/// Ends the attempts whose worker stopped renewing its lease (killed, partitioned, or it gave the attempt up): each
/// is a failed attempt, so its job is queued again (and published by <see cref="OverduePublishing"/>), or failed and
/// refunded when that was its last attempt, or cancelled when its owner asked meanwhile.
/// </summary>
public sealed partial class LeaseRescue(IServiceProvider services, JobEvents events, IOptions<JobEngineOptions> options, ILogger<LeaseRescue> logger)
    : PeriodicDuty(services, logger)
{
    protected override TimeSpan Interval => options.Value.SweepInterval;

    protected override async Task RunOnceAsync(IServiceProvider scope, CancellationToken cancellationToken)
    {
        foreach (var job in await scope.GetRequiredService<JobStore>().RescueExpiredLeasesAsync(options.Value.LeaseTimeout, cancellationToken))
        {
            LogRescued(logger, job.Id, job.Attempts, job.Status);
            await events.PublishAsync(job);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} lost its worker during attempt {Attempt}; now {Status}.")]
    private static partial void LogRescued(ILogger logger, Guid jobId, int attempt, string status);
}
