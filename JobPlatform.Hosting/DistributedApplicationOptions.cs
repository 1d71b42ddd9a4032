namespace JobPlatform.Hosting;

/// <summary>How a run differs between <c>dotnet run</c> of the AppHost and a test: ports, data, dashboard, console.</summary>
public sealed record DistributedApplicationOptions
{
    /// <summary>Root under which every server keeps its data directory, logs and generated passwords.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>Delete <see cref="DataDirectory"/> before starting (the AppHost's <c>--clean</c> flag; always true in tests).</summary>
    public bool Clean { get; init; }

    /// <summary>Delete <see cref="DataDirectory"/> when the application is disposed (tests).</summary>
    public bool DeleteDataOnDispose { get; init; }

    /// <summary>Ignore fixed ports declared with WithHttpEndpoint(port) and take free ones (tests run beside a dev AppHost).</summary>
    public bool RandomizePorts { get; init; }

    /// <summary>Dashboard address; null disables it.</summary>
    public Uri? DashboardUrl { get; init; }

    /// <summary>Browser token the dashboard asks for; null serves it without one.</summary>
    public string? DashboardToken { get; init; }

    /// <summary>Echo every resource's output to the console, prefixed with its name.</summary>
    public bool ConsoleOutput { get; init; }

    /// <summary>Servers flush to disk (fsync). Tests turn it off: process kills do not lose fsync-less writes.</summary>
    public bool DurableStorage { get; init; } = true;

    /// <summary>Where server binaries are looked up; null means the Debian package locations and PATH.</summary>
    public IReadOnlyList<string>? ExecutableSearchPath { get; init; }

    /// <summary>OTLP endpoint passed to every project as OTEL_EXPORTER_OTLP_ENDPOINT; null leaves telemetry export off.</summary>
    public string? OtlpEndpoint { get; init; }

    /// <summary>Environment name passed to projects (DOTNET_ENVIRONMENT / ASPNETCORE_ENVIRONMENT).</summary>
    public string EnvironmentName { get; init; } = "Development";
}
