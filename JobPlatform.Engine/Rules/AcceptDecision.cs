namespace JobPlatform.Engine.Rules;

/// <summary>What became of one request of a batch.</summary>
public abstract record AcceptDecision
{
    /// <summary>Recorded; <paramref name="QueuePosition"/> counts the lane's queued jobs up to and including this one.</summary>
    public sealed record Accepted(int QueuePosition) : AcceptDecision;

    /// <summary>Refused by <paramref name="Rule"/>; <paramref name="RetryAfter"/> when waiting can help.</summary>
    public sealed record Refused(AcceptRule Rule, string Title, string Detail, TimeSpan? RetryAfter = null) : AcceptDecision;

    /// <summary>The rules let it pass, but a concurrent request with the same idempotency key was recorded first.</summary>
    public sealed record IdempotencyKeyTaken : AcceptDecision;

    /// <summary>The rules let it pass, but its owner already has a live job with its active key; nothing was charged.</summary>
    public sealed record ActiveKeyTaken : AcceptDecision;
}
