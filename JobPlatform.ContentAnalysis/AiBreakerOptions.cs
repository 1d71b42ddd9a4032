namespace JobPlatform.ContentAnalysis;

/// <summary>
/// The AI breaker (<c>ContentAnalysis:Breaker</c>): docs/requirements.md R-003-9's "AI models" row, 4 failures and a
/// 120 s cooldown. Polly's breaker is ratio-based: it opens when, within <see cref="SamplingDuration"/>, at least
/// <see cref="FailureThreshold"/> batches went to the LLM and every one failed.
/// </summary>
public sealed class AiBreakerOptions
{
    public int FailureThreshold { get; set; } = 4;

    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>How long the breaker stays open (every batch on the local engine) before one batch probes the LLM.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(120);
}
