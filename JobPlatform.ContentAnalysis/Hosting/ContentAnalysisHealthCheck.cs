using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace JobPlatform.ContentAnalysis.Hosting;

/// <summary>Unhealthy until the warm-up has loaded the models and analysed its probe, so /health answers 503 until then.</summary>
internal sealed class ContentAnalysisHealthCheck(ContentAnalysisWarmupState state) : IHealthCheck
{
    public const string Name = "content-analysis";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(state switch
        {
            { IsReady: true } => HealthCheckResult.Healthy("Models loaded and warm."),
            { Failure: { } failure } => HealthCheckResult.Unhealthy("The models could not be loaded: " + failure.Message, failure),
            _ => HealthCheckResult.Unhealthy("Warming up: loading the models."),
        });
}
