namespace JobPlatform.Engine.Jobs;

/// <summary>
/// Thrown by a handler when another attempt cannot succeed (the profile does not exist, a credential was refused): the
/// job fails at once, without its remaining retries, is dead-lettered and refunded, with this message as its error.
/// </summary>
public sealed class PermanentJobFailureException(string message, Exception? innerException = null) : Exception(message, innerException);
