namespace JobPlatform.Hosting.ApplicationModel;

/// <summary>
/// A named part of the distributed application. The orchestrator asks it, in order: to allocate its ports and secrets
/// (so every connection string is known before anything starts), which binaries it needs (checked up front so a
/// missing package fails fast), what to launch for each replica, and whether a replica is healthy.
/// </summary>
public abstract class Resource(string name)
{
    public string Name { get; } = name;

    /// <summary>Shown in the dashboard's Type column.</summary>
    public abstract string ResourceType { get; }

    public virtual int Replicas => 1;

    /// <summary>Resources that must be healthy before this one starts (WaitFor, plus parents).</summary>
    internal List<Resource> WaitsFor { get; } = [];

    internal virtual void Allocate(RunContext context) { }

    internal virtual IEnumerable<RequiredExecutable> RequiredExecutables => [];

    /// <summary>Prepares data and configuration; returns the processes to launch, in order (may be none).</summary>
    internal abstract Task<IReadOnlyList<ProcessSpec>> PrepareAsync(RunContext context, int replica, CancellationToken cancellationToken);

    internal abstract Task<bool> IsHealthyAsync(int replica, CancellationToken cancellationToken);

    internal virtual IReadOnlyList<string> GetUrls(int replica) => [];

    /// <summary>
    /// A service replica whose process exits without being asked is started again (with backoff), as an
    /// orchestrator's restart policy does. A server is not: a database that crashed should be looked at, not restarted
    /// in a loop; it is adopted instead when someone restarts it (see <see cref="FindRestartedServer"/>).
    /// </summary>
    internal virtual bool RestartsAfterCrash => false;

    /// <summary>
    /// The process id of a server running on this replica's data that the AppHost did not launch, e.g. after
    /// <c>pg_ctl restart</c>: its own pid file, checked against its working directory. Null when there is none, or
    /// when the resource cannot tell (then a replacement is never adopted).
    /// </summary>
    internal virtual int? FindRestartedServer(RunContext context, int replica) => null;
}

/// <summary>A resource other resources connect to through <c>ConnectionStrings__{name}</c>.</summary>
public interface IResourceWithConnectionString
{
    string Name { get; }

    string ConnectionString { get; }

    /// <summary>Aspire 13 connection properties, exported as <c>{NAME}_{KEY}</c> (HOST, PORT, PASSWORD, URI...).</summary>
    IReadOnlyDictionary<string, string> ConnectionProperties { get; }
}

/// <summary>A binary a resource launches, and the Debian package that provides it.</summary>
internal sealed record RequiredExecutable(string FileName, string Package);

/// <summary>One process to launch. <paramref name="ReadyPort"/>: wait until it accepts TCP before launching the next.</summary>
internal sealed record ProcessSpec(
    string FileName,
    IReadOnlyList<string> Arguments,
    string WorkingDirectory,
    IReadOnlyDictionary<string, string> Environment,
    string? RunAsUser = null,
    StopSignal StopSignal = StopSignal.Terminate,
    int? ReadyPort = null);

internal enum StopSignal
{
    Terminate = 15,

    /// <summary>PostgreSQL's "fast shutdown": SIGTERM would wait for every client to disconnect.</summary>
    Interrupt = 2,

    /// <summary>Not a way to ask: what ends a process that did not stop within its grace period.</summary>
    Kill = 9,
}
