using System.Threading.Channels;
using JobPlatform.Engine.Data;
using JobPlatform.Engine.Jobs;
using JobPlatform.Engine.Messaging;
using Microsoft.EntityFrameworkCore;

namespace JobPlatform.Api.Jobs;

/// <summary>
/// Publishes accepted jobs right after their commit, off the request path and in batches, then marks them enqueued.
/// If the broker is down or this process dies first, the job stays recorded as not enqueued and the workers' sweeper
/// publishes it: accepting and queueing cannot diverge.
/// </summary>
public sealed class JobDispatchQueue(IServiceProvider services, JobPublisher publisher, JobHandlerRegistry handlers, ILogger<JobDispatchQueue> logger)
    : BackgroundService
{
    private const int MaxBatch = 256;
    private readonly Channel<QueuedJob> _accepted = Channel.CreateUnbounded<QueuedJob>(new UnboundedChannelOptions { SingleReader = true });

    public void Enqueue(Job job) =>
        _accepted.Writer.TryWrite(new QueuedJob(job.Id, handlers.Find(job.JobType)!.Workload, job.Priority));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<QueuedJob>(MaxBatch);
        while (await _accepted.Reader.WaitToReadAsync(stoppingToken))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _accepted.Reader.TryRead(out var job))
            {
                batch.Add(job);
            }

            try
            {
                await publisher.PublishAsync(batch, stoppingToken);
                var ids = batch.Select(j => j.JobId).ToArray();
                await using var scope = services.CreateAsyncScope();
                // attempts = 0: a job a worker already claimed (and maybe queued for retry) must keep its own flag.
                await scope.ServiceProvider.GetRequiredService<JobsDbContext>().Database.ExecuteSqlAsync(
                    $"UPDATE jobs SET enqueued = true WHERE id = ANY({ids}) AND status = 'queued' AND attempts = 0", stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("Could not queue {Count} accepted jobs now ({Error}); the workers' sweeper will.", batch.Count, exception.Message);
            }
        }
    }
}
