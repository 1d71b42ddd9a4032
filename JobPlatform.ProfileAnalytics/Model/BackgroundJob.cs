namespace JobPlatform.ProfileAnalytics.Model;

/// <summary>R-000-2, exactly: the job that is computing the analysis, in its current R-000-7 word.</summary>
public sealed record BackgroundJob(Guid JobId, string Status, string Message, bool NonBlocking)
{
    public const string QueuedMessage = "AI analysis queued for background processing";

    public static BackgroundJob For(Guid jobId, string status) => new(jobId, status, QueuedMessage, true);
}
