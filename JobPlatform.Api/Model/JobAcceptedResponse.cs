namespace JobPlatform.Api.Model;

public sealed record JobAcceptedResponse(
    bool Success, Guid JobId, string Status, int QueuePosition, int EstimatedCompletionSeconds,
    string PollingUrl, string WebsocketUrl, DateTimeOffset Timestamp);
