using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace JobPlatform.Engine.Maintenance;

/// <summary>
/// A recurring duty of the workers: once at start, then every <see cref="Interval"/>, each run in a scope of its own.
/// Every duty is safe to run in every replica at once (its statements skip or re-check what another replica holds),
/// so no leader is elected. A run that fails (database or broker unavailable) loses nothing: the next run does the work.
/// </summary>
public abstract partial class PeriodicDuty(IServiceProvider services, ILogger logger) : BackgroundService
{
    protected abstract TimeSpan Interval { get; }

    protected abstract Task RunOnceAsync(IServiceProvider scope, CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, services.GetRequiredService<TimeProvider>());
        do
        {
            try
            {
                await using var scope = services.CreateAsyncScope();
                await RunOnceAsync(scope.ServiceProvider, stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogDutyFailed(logger, exception, GetType().Name, Interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).AsTask().ContinueWith(t => !t.IsCanceled && t.Result, TaskScheduler.Default));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Duty} failed; it runs again in {Interval}.")]
    private static partial void LogDutyFailed(ILogger logger, Exception exception, string duty, TimeSpan interval);
}
