using System.Reflection;
using System.Runtime.InteropServices;
using JobPlatform.Hosting.ApplicationModel;
using JobPlatform.Hosting.Dashboard;
using JobPlatform.Hosting.Orchestration;
using Microsoft.Extensions.Configuration;

namespace JobPlatform.Hosting;

/// <summary>
/// The running application: starts every resource as local processes once what it waits for is healthy, watches them,
/// serves the dashboard and stops everything in reverse order. Mirrors Aspire's <c>DistributedApplication</c>.
/// </summary>
public sealed class DistributedApplication : IAsyncDisposable
{
    private readonly IReadOnlyList<Resource> _resources;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConsoleOutput? _console;
    private readonly List<Task> _running = [];
    private List<ResourceInstance> _instances = [];
    private DashboardServer? _dashboard;
    private ProcessWatchdog? _watchdog;
    private bool _started;
    private bool _stopped;

    internal DistributedApplication(DistributedApplicationOptions options, IReadOnlyList<Resource> resources)
    {
        Options = options;
        _resources = resources;
        _console = options.ConsoleOutput ? new ConsoleOutput() : null;
        ResourceNotifications = new ResourceNotificationService(() => GetResourceSnapshots(outputLines: 50));
    }

    public DistributedApplicationOptions Options { get; }

    public ResourceNotificationService ResourceNotifications { get; }

    public Uri? DashboardLoginUrl => _dashboard?.LoginUrl;

    /// <summary>
    /// The builder for an AppHost's <c>Program.cs</c>. Reads <c>--clean</c>, <c>AppHost:DataDirectory</c>,
    /// <c>AppHost:RandomizePorts</c>, <c>Dashboard:Url</c> (empty: no dashboard), <c>Dashboard:Token</c>,
    /// <c>Dashboard:Unsecured</c>, <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> and the parameters' values (<c>Parameters:{name}</c>)
    /// from the command line and environment.
    /// </summary>
    public static DistributedApplicationBuilder CreateBuilder(string[] args)
    {
        var configuration = new ConfigurationBuilder()
            .AddEnvironmentVariables()
            .AddCommandLine(args.Where(a => a != "--clean").ToArray())
            .Build();
        if (DistributedApplicationTestingHook.Options is { } testing)
        {
            return new DistributedApplicationBuilder(testing, configuration);
        }

        var projectDirectory = Assembly.GetEntryAssembly()?.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "AppHostProjectDirectory")?.Value ?? Environment.CurrentDirectory;
        var dashboardUrl = configuration["Dashboard:Url"] ?? "http://localhost:18888";
        var options = new DistributedApplicationOptions
        {
            DataDirectory = configuration["AppHost:DataDirectory"] ?? Path.Combine(projectDirectory, ".data"),
            Clean = args.Contains("--clean"),
            RandomizePorts = configuration.GetValue<bool>("AppHost:RandomizePorts"),
            DashboardUrl = dashboardUrl.Length == 0 ? null : new Uri(dashboardUrl),
            DashboardToken = configuration.GetValue<bool>("Dashboard:Unsecured")
                ? null
                : configuration["Dashboard:Token"] ?? Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)),
            ConsoleOutput = true,
            OtlpEndpoint = configuration["OTEL_EXPORTER_OTLP_ENDPOINT"],
        };
        return new DistributedApplicationBuilder(options, configuration);
    }

    public IReadOnlyList<ResourceSnapshot> GetResourceSnapshots(int outputLines = 50) =>
        Volatile.Read(ref _instances).Select(i => i.Snapshot(outputLines)).ToList();

    /// <summary>Checks binaries, allocates ports and secrets, then starts every resource. Returns without waiting for health.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_started)
        {
            throw new InvalidOperationException("The application was already started.");
        }

        _started = true;
        if (Options.Clean && Directory.Exists(Options.DataDirectory))
        {
            Directory.Delete(Options.DataDirectory, recursive: true);
        }

        var context = new RunContext(Options);
        var missing = _resources.SelectMany(r => r.RequiredExecutables).Distinct()
            .Where(e => !context.SearchPath.Any(d => File.Exists(Path.Combine(d, e.FileName))))
            .ToList();
        if (missing.Count > 0)
        {
            throw new DistributedApplicationException(
                $"Missing server binaries: {string.Join(", ", missing.Select(e => e.FileName))}. " +
                $"Install them with: sudo apt-get install -y {string.Join(' ', missing.Select(e => e.Package).Distinct())}");
        }

        foreach (var resource in _resources)
        {
            resource.Allocate(context);
        }

        _watchdog = ProcessWatchdog.Start(context.LogFile("apphost-watchdog"));
        Volatile.Write(ref _instances, _resources
            .SelectMany(r => Enumerable.Range(0, r.Replicas).Select(i =>
                new ResourceInstance(r, i, context, ResourceNotifications, _watchdog, _console is null ? null : _console.Write)))
            .ToList());
        if (Options.DashboardUrl is { } dashboardUrl)
        {
            _dashboard = new DashboardServer(this, dashboardUrl, Options.DashboardToken);
            await _dashboard.StartAsync(cancellationToken);
        }

        lock (_running)
        {
            _running.AddRange(_instances.Select(i => Task.Run(() => i.StartAsync(_stopping.Token), CancellationToken.None)));
        }
    }

    /// <summary>Runs until Ctrl+C or SIGTERM, printing the resource table once everything settles.</summary>
    public async Task RunAsync()
    {
        var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.TrySetResult(); });
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.TrySetResult(); });
        try
        {
            await StartAsync();
            if (_dashboard is not null)
            {
                _console?.Announce($"Dashboard: {_dashboard.LoginUrl}");
            }

            _ = ReportSettledAsync(stop.Task);
            await stop.Task;
            _console?.Announce("Stopping...");
        }
        finally
        {
            await StopAsync();
        }

        _console?.Announce("Stopped.");
    }

    /// <summary>Stops every resource, projects first, servers last (reverse declaration order).</summary>
    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        _stopping.Cancel();
        foreach (var group in _instances.GroupBy(i => i.Resource).Reverse())
        {
            await Task.WhenAll(group.Select(i => i.StopAsync()));
        }

        Task[] running;
        lock (_running)
        {
            running = [.. _running];
        }

        await Task.WhenAll(running);
        if (_watchdog is not null)
        {
            await _watchdog.DisposeAsync();
        }

        if (_dashboard is not null)
        {
            await _dashboard.DisposeAsync();
        }

        foreach (var instance in _instances)
        {
            instance.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (Options.DeleteDataOnDispose && Directory.Exists(Options.DataDirectory))
        {
            Directory.Delete(Options.DataDirectory, recursive: true);
        }
    }

    /// <summary>Stops every replica of a resource (the dashboard's Stop command).</summary>
    public Task StopResourceAsync(string resourceName) => Task.WhenAll(Instances(resourceName).Select(i => i.StopAsync()));

    /// <summary>Starts a stopped or failed resource again, keeping its data (the dashboard's Start command).</summary>
    public async Task StartResourceAsync(string resourceName)
    {
        foreach (var instance in Instances(resourceName))
        {
            await instance.StopAsync();
            // Called directly: StartAsync leaves Failed/Finished before its first await, so callers see it starting.
            var started = instance.StartAsync(_stopping.Token);
            lock (_running)
            {
                _running.Add(started);
            }
        }
    }

    /// <summary>An HttpClient for the first replica of a project.</summary>
    public HttpClient CreateHttpClient(string resourceName) =>
        new() { BaseAddress = new Uri(HttpUrls(resourceName)[0]) };

    public IReadOnlyList<string> HttpUrls(string resourceName) =>
        Resource<ProjectResource>(resourceName).HttpUrls;

    public string GetParameterValue(string parameterName) => Resource<ParameterResource>(parameterName).Value;

    public Task<string?> GetConnectionStringAsync(string resourceName, CancellationToken cancellationToken = default) =>
        Task.FromResult<string?>(Resource<IResourceWithConnectionString>(resourceName).ConnectionString);

    private T Resource<T>(string name) => _resources.FirstOrDefault(r => r.Name == name) is T resource
        ? resource
        : throw new ArgumentException($"There is no {typeof(T).Name} named '{name}'.", nameof(name));

    private List<ResourceInstance> Instances(string resourceName)
    {
        var instances = _instances.Where(i => i.Resource.Name == resourceName).ToList();
        return instances.Count > 0 ? instances : throw new ArgumentException($"There is no resource named '{resourceName}'.");
    }

    private async Task ReportSettledAsync(Task stopped)
    {
        var reported = new Dictionary<string, (ResourceState, HealthStatus)>();
        var tablePrinted = false;
        while (!stopped.IsCompleted)
        {
            var next = ResourceNotifications.NextChange;
            var snapshots = GetResourceSnapshots(outputLines: 0);
            foreach (var snapshot in snapshots)
            {
                if (reported.TryGetValue(snapshot.Name, out var last) && last == (snapshot.State, snapshot.Health))
                {
                    continue;
                }

                reported[snapshot.Name] = (snapshot.State, snapshot.Health);
                if (tablePrinted || snapshot.State == ResourceState.Failed)
                {
                    _console!.Announce($"{snapshot.Name}: {snapshot.State} {snapshot.Health}{(snapshot.Error is null ? "" : $" ({snapshot.Error})")}");
                }
            }

            if (!tablePrinted && snapshots.All(s => s.Health == HealthStatus.Healthy || s.State == ResourceState.Failed))
            {
                tablePrinted = true;
                _console!.Table(snapshots, _dashboard?.LoginUrl);
            }

            await Task.WhenAny(next, stopped);
        }
    }
}
