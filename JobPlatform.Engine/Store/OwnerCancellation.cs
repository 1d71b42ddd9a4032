using JobPlatform.Engine.Data;

namespace JobPlatform.Engine.Store;

/// <summary>
/// A job its owner asked to cancel, as it is now: cancelled (it was queued), flagged with a cancellation request (it
/// is running), or <paramref name="AlreadyFinished"/> and left unchanged.
/// </summary>
public sealed record OwnerCancellation(Job Job, bool AlreadyFinished);
