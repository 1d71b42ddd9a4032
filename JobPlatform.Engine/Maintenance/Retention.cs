using JobPlatform.Engine.Jobs;
using JobPlatform.Engine.Store;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace JobPlatform.Engine.Maintenance;

/// <summary>Deletes finished jobs (and, by cascade, their result rows) once they are older than <c>Jobs:Retention</c>.</summary>
public sealed partial class Retention(IServiceProvider services, IOptions<JobEngineOptions> options, TimeProvider time, ILogger<Retention> logger)
    : PeriodicDuty(services, logger)
{
    protected override TimeSpan Interval => options.Value.RetentionInterval;

    protected override async Task RunOnceAsync(IServiceProvider scope, CancellationToken cancellationToken)
    {
        var deleted = await scope.GetRequiredService<JobStore>()
            .DeleteFinishedBeforeAsync(time.GetUtcNow() - options.Value.Retention, cancellationToken);
        if (deleted > 0)
        {
            LogDeleted(logger, deleted, options.Value.Retention);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} finished jobs older than {Retention}.")]
    private static partial void LogDeleted(ILogger logger, int count, TimeSpan retention);
}
