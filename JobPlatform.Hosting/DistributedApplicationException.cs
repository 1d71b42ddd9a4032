namespace JobPlatform.Hosting;

/// <summary>The application could not start: a missing binary, a resource that failed, a timeout.</summary>
public sealed class DistributedApplicationException(string message, Exception? inner = null) : Exception(message, inner);
