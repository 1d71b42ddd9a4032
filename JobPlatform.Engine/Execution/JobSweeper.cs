using JobPlatform.Engine.Jobs;
using JobPlatform.Engine.Messaging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace JobPlatform.Engine.Execution;

/// <summary>
/// The workers' recurring duties, safe to run in every replica at once: reclaim jobs whose worker died, publish
/// due jobs that are on no queue (the outbox), and delete finished jobs past retention.
/// </summary>
public sealed class JobSweeper(
    IServiceProvider services,
    JobPublisher publisher,
    JobHandlerRegistry handlers,
    JobEvents events,
    IOptions<JobEngineOptions> options,
    ILogger<JobSweeper> logger) : BackgroundService
{
    /// <summary>Time the API has to publish a job it accepted before the sweeper publishes it instead.</summary>
    private static readonly TimeSpan AcceptGrace = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var nextRetention = DateTimeOffset.UtcNow;
        using var timer = new PeriodicTimer(options.Value.SweepInterval);
        do
        {
            try
            {
                await using var scope = services.CreateAsyncScope();
                var transitions = scope.ServiceProvider.GetRequiredService<JobTransitions>();
                foreach (var job in await transitions.ReclaimExpiredLeasesAsync(options.Value.LeaseTimeout, stoppingToken))
                {
                    logger.LogWarning("Job {JobId} lost its worker during attempt {Attempt}; now {Status}.", job.Id, job.Attempts, job.Status);
                    await events.PublishAsync(job);
                }

                await transitions.DispatchDueAsync(publisher, handlers, AcceptGrace, stoppingToken);
                if (DateTimeOffset.UtcNow >= nextRetention)
                {
                    var deleted = await transitions.DeleteFinishedBeforeAsync(DateTimeOffset.UtcNow - options.Value.Retention, stoppingToken);
                    if (deleted > 0)
                    {
                        logger.LogInformation("Deleted {Count} finished jobs older than {Retention}.", deleted, options.Value.Retention);
                    }

                    nextRetention = DateTimeOffset.UtcNow + options.Value.RetentionInterval;
                }
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // Broker or database unavailable: nothing is lost, the next sweep tries again.
                logger.LogWarning("Sweep failed: {Error}", exception.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).AsTask().ContinueWith(t => !t.IsCanceled && t.Result, TaskScheduler.Default));
    }
}
