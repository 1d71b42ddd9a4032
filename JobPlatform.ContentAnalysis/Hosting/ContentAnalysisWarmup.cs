using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace JobPlatform.ContentAnalysis.Hosting;

/// <summary>
/// Loads the models and analyses a probe batch at start, in the background: the host starts at once, and its
/// readiness (<see cref="ContentAnalysisHealthCheck"/>) turns healthy only when the first real batch would not pay
/// for the loading (docs/requirements.md R-003-12, warm-up).
/// </summary>
internal sealed partial class ContentAnalysisWarmup(LocalPostAnalyzer analyzer, ContentAnalysisWarmupState state, ILogger<ContentAnalysisWarmup> logger)
    : BackgroundService
{
    private static readonly PostText[] Probe =
    [
        new("warm-up-1", "Loving this sunny beach day with my family! ☀️", ["travel", "SummerVibes"]),
        new("warm-up-2", "Nuestra receta favorita de pasta casera", ["food"]),
    ];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        try
        {
            await analyzer.AnalyzeAsync(Probe, stoppingToken);
            state.MarkReady();
            var seconds = TimeProvider.System.GetElapsedTime(started).TotalSeconds;
            LogWarm(logger, seconds);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            state.MarkFailed(exception);
            LogFailed(logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Content analysis warm: models loaded and probed in {Seconds:F1} s")]
    private static partial void LogWarm(ILogger logger, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Content analysis could not load its models")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
