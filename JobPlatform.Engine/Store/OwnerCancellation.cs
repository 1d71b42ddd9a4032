using JobPlatform.Engine.Data;

namespace JobPlatform.Engine.Store;

/// <summary>
/// A job its owner asked to cancel, as it is now: cancelled (it was queued, or waiting for children), flagged with a
/// cancellation request (it is running), or <paramref name="AlreadyFinished"/> and left unchanged.
/// <paramref name="RunningChildren"/>: the children of a cancelled waiting job that were running, flagged in turn; their
/// workers must be told. Its queued children were cancelled with it.
/// </summary>
public sealed record OwnerCancellation(Job Job, bool AlreadyFinished, IReadOnlyList<Guid> RunningChildren);
