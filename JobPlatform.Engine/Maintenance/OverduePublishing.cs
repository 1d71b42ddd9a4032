using JobPlatform.Engine.Jobs;
using JobPlatform.Engine.Messaging;
using JobPlatform.Engine.Store;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace JobPlatform.Engine.Maintenance;

/// <summary>
/// The outbox: publishes the queued jobs that are due and on no queue (accepted while the broker was down or just
/// before an API crash, retries whose delay is over, rescued leases), so that accepting and queueing cannot diverge.
/// </summary>
public sealed class OverduePublishing(
    IServiceProvider services, JobPublisher publisher, JobTypeRegistry types, IOptions<JobEngineOptions> options,
    ILogger<OverduePublishing> logger) : PeriodicDuty(services, logger)
{
    /// <summary>Time the API has to publish a job it accepted before it counts as overdue.</summary>
    private static readonly TimeSpan AcceptGrace = TimeSpan.FromSeconds(5);

    protected override TimeSpan Interval => options.Value.SweepInterval;

    protected override Task RunOnceAsync(IServiceProvider scope, CancellationToken cancellationToken) =>
        scope.GetRequiredService<JobStore>().PublishOverdueAsync(publisher, types, AcceptGrace, cancellationToken);
}
