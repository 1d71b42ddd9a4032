namespace JobPlatform.ContentAnalysis.Hosting;

/// <summary>What the warm-up has reached, for the health check.</summary>
internal sealed class ContentAnalysisWarmupState
{
    private volatile Exception? _failure;
    private volatile bool _ready;

    public bool IsReady => _ready;

    public Exception? Failure => _failure;

    public void MarkReady() => _ready = true;

    public void MarkFailed(Exception failure) => _failure = failure;
}
