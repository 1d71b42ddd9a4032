using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace JobPlatform.ContentAnalysis.Hosting;

/// <summary>
/// docs/requirements.md R-003-12's memory management: when the working set passes <c>ContentAnalysis:MemoryLimitMb</c>,
/// the host is stopped. Stopping closes the lanes' consumers (no new delivery), releases the running jobs to run
/// again (the engine acknowledges a delivery only once its outcome is committed, so none is lost), and the process
/// exits; the orchestrator (the AppHost, R-003-14) starts it afresh, with the models loaded anew and the heap empty.
/// </summary>
internal sealed partial class MemoryGuard(IOptions<ContentAnalysisOptions> options, IHostApplicationLifetime lifetime, TimeProvider time,
    ILogger<MemoryGuard> logger) : BackgroundService
{
    private const long BytesPerMb = 1024 * 1024;

    /// <summary>The working set and its peak (VmHWM on Linux) in MiB.</summary>
    public static (long WorkingSetMb, long PeakMb) Measure()
    {
        using var process = Process.GetCurrentProcess();
        return (process.WorkingSet64 / BytesPerMb, process.PeakWorkingSet64 / BytesPerMb);
    }

    /// <summary>Stops the host when the working set is past the limit; true when it did.</summary>
    public bool StopWhenOverLimit()
    {
        var limit = options.Value.MemoryLimitMb;
        var (workingSet, peak) = Measure();
        if (limit <= 0 || workingSet <= limit)
        {
            return false;
        }

        LogOverLimit(logger, workingSet, limit, peak);
        lifetime.StopApplication();
        return true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.MemoryLimitMb <= 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.MemoryCheckInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken) && !StopWhenOverLimit())
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        var (workingSet, peak) = Measure();
        LogPeak(logger, workingSet, peak);
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Working set {WorkingSetMb} MiB is past ContentAnalysis:MemoryLimitMb {LimitMb} MiB (peak {PeakMb} MiB): stopping to be restarted; running jobs are released")]
    private static partial void LogOverLimit(ILogger logger, long workingSetMb, long limitMb, long peakMb);

    [LoggerMessage(Level = LogLevel.Information, Message = "Content analysis stopped: working set {WorkingSetMb} MiB, peak {PeakMb} MiB")]
    private static partial void LogPeak(ILogger logger, long workingSetMb, long peakMb);
}
