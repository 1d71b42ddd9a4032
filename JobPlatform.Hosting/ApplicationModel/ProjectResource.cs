namespace JobPlatform.Hosting.ApplicationModel;

/// <summary>A .NET project of the solution, launched from its build output with <c>dotnet</c>, one process per replica.</summary>
public sealed class ProjectResource(string name, IProjectMetadata project) : Resource(name)
{
    private int[] _ports = [];

    public override string ResourceType => "Project";

    public IProjectMetadata Project { get; } = project;

    public override int Replicas => ReplicaCount;

    internal int ReplicaCount { get; set; } = 1;

    internal int? FixedHttpPort { get; set; }

    internal bool ExternalHttpEndpoints { get; set; }

    internal string? HealthCheckPath { get; set; }

    internal List<IResourceWithConnectionString> ConnectionReferences { get; } = [];

    internal List<ProjectResource> ServiceReferences { get; } = [];

    internal Dictionary<string, Func<string>> EnvironmentVariables { get; } = [];

    /// <summary>The http URL of each replica.</summary>
    public IReadOnlyList<string> HttpUrls => _ports.Select(port => $"http://localhost:{port}").ToList();

    internal override void Allocate(RunContext context) =>
        _ports = Enumerable.Range(0, Replicas).Select(i => context.AllocatePort(i == 0 ? FixedHttpPort : null)).ToArray();

    internal override Task<IReadOnlyList<ProcessSpec>> PrepareAsync(RunContext context, int replica, CancellationToken cancellationToken)
    {
        if (!File.Exists(Project.TargetPath))
        {
            throw new DistributedApplicationException($"{Project.TargetPath} is missing: build the solution first (dotnet build).");
        }

        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = HttpUrls[replica],
            ["DOTNET_ENVIRONMENT"] = context.Options.EnvironmentName,
            ["ASPNETCORE_ENVIRONMENT"] = context.Options.EnvironmentName,
            ["OTEL_SERVICE_NAME"] = Name,
            ["OTEL_RESOURCE_ATTRIBUTES"] = $"service.instance.id={Name}-{replica}",
            ["DOTNET_SYSTEM_CONSOLE_ALLOW_ANSI_COLOR_REDIRECTION"] = "false",
            ["Logging__Console__FormatterName"] = "simple",
            ["Logging__Console__FormatterOptions__SingleLine"] = "true",
        };
        if (context.Options.OtlpEndpoint is { } otlp)
        {
            environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = otlp;
        }

        foreach (var reference in ConnectionReferences)
        {
            environment[$"ConnectionStrings__{reference.Name}"] = reference.ConnectionString;
            var prefix = reference.Name.ToUpperInvariant().Replace('-', '_');
            foreach (var (key, value) in reference.ConnectionProperties)
            {
                environment[$"{prefix}_{key}"] = value;
            }
        }

        foreach (var service in ServiceReferences)
        {
            for (var i = 0; i < service.HttpUrls.Count; i++)
            {
                environment[$"services__{service.Name}__http__{i}"] = service.HttpUrls[i];
            }

            environment[$"{service.Name.ToUpperInvariant().Replace('-', '_')}_HTTP"] = service.HttpUrls[0];
        }

        foreach (var (key, value) in EnvironmentVariables)
        {
            environment[key] = value();
        }

        IReadOnlyList<ProcessSpec> processes =
            [new ProcessSpec("dotnet", [Project.TargetPath], Path.GetDirectoryName(Project.ProjectPath)!, environment)];
        return Task.FromResult(processes);
    }

    internal override async Task<bool> IsHealthyAsync(int replica, CancellationToken cancellationToken)
    {
        if (HealthCheckPath is null)
        {
            return true;
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        using var response = await http.GetAsync(HttpUrls[replica] + HealthCheckPath, cancellationToken);
        return response.IsSuccessStatusCode;
    }

    internal override IReadOnlyList<string> GetUrls(int replica) => [HttpUrls[replica]];

    internal override bool RestartsAfterCrash => true;
}
