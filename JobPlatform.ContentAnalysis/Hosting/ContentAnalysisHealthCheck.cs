using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace JobPlatform.ContentAnalysis.Hosting;

/// <summary>
/// Unhealthy until the warm-up has loaded the models and analysed its probe, so /health answers 503 until then.
/// Its description reports the working set and its peak (docs/requirements.md R-003-12, memory bounded and measured).
/// </summary>
internal sealed class ContentAnalysisHealthCheck(ContentAnalysisWarmupState state, IOptions<ContentAnalysisOptions> options) : IHealthCheck
{
    public const string Name = "content-analysis";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(state switch
        {
            { IsReady: true } => HealthCheckResult.Healthy("Models loaded and warm; " + Memory()),
            { Failure: { } failure } => HealthCheckResult.Unhealthy("The models could not be loaded: " + failure.Message, failure),
            _ => HealthCheckResult.Unhealthy("Warming up: loading the models; " + Memory()),
        });

    private string Memory()
    {
        var (workingSet, peak) = MemoryGuard.Measure();
        var limit = options.Value.MemoryLimitMb > 0 ? $"limit {options.Value.MemoryLimitMb} MiB" : "no limit";
        return $"working set {workingSet} MiB, peak {peak} MiB ({limit}).";
    }
}
