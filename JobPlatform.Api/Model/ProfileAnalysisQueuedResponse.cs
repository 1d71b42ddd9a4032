namespace JobPlatform.Api.Model;

/// <summary>R-000-3's 202, exactly, with the additive <c>cached: false</c>.</summary>
public sealed record ProfileAnalysisQueuedResponse(
    bool Success, Guid JobId, string Status, int QueuePosition, int EstimatedCompletionSeconds,
    string PollingUrl, string WebsocketUrl, DateTimeOffset Timestamp, bool Cached);
