using System.Reflection;
using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Configuration;

namespace JobPlatform.Hosting.Testing;

/// <summary>
/// Starts an AppHost's topology for tests, as Aspire.Hosting.Testing does: the AppHost's own entry point declares the
/// resources; the run gets free ports, a temporary data directory (deleted on dispose), no dashboard and no console echo.
/// <see cref="Create"/> gives an empty builder with the same options instead, as Aspire's does.
/// </summary>
public static class DistributedApplicationTestingBuilder
{
    /// <param name="configure">Adjusts the test options, e.g. <c>o =&gt; o with { DashboardUrl = ... }</c>.</param>
    public static Task<DistributedApplicationBuilder> CreateAsync<TEntryPoint>(
        Func<DistributedApplicationOptions, DistributedApplicationOptions>? configure = null, CancellationToken cancellationToken = default)
        where TEntryPoint : IProjectMetadata, new()
    {
        var options = TestOptions(configure);
        return Task.Run(() => CaptureBuilder(new TEntryPoint(), options), cancellationToken);
    }

    /// <summary>An empty builder with the same test options, for a test that declares a small topology of its own.</summary>
    public static DistributedApplicationBuilder Create(Func<DistributedApplicationOptions, DistributedApplicationOptions>? configure = null) =>
        new(TestOptions(configure), new ConfigurationBuilder().Build());

    private static DistributedApplicationOptions TestOptions(Func<DistributedApplicationOptions, DistributedApplicationOptions>? configure)
    {
        var defaults = new DistributedApplicationOptions
        {
            DataDirectory = Directory.CreateTempSubdirectory("jobplatform-test-").FullName,
            Clean = true,
            DeleteDataOnDispose = true,
            RandomizePorts = true,
            DurableStorage = false,
            EnvironmentName = "Testing",
        };
        return configure?.Invoke(defaults) ?? defaults;
    }

    private static DistributedApplicationBuilder CaptureBuilder(IProjectMetadata appHost, DistributedApplicationOptions options)
    {
        var assembly = Assembly.Load(Path.GetFileNameWithoutExtension(appHost.TargetPath));
        var entryPoint = assembly.EntryPoint ?? throw new InvalidOperationException($"{assembly.GetName().Name} has no entry point.");
        DistributedApplicationTestingHook.Intercept(options);
        try
        {
            var result = entryPoint.Invoke(null, entryPoint.GetParameters().Length == 0 ? [] : [Array.Empty<string>()]);
            (result as Task)?.GetAwaiter().GetResult();
        }
        catch (Exception exception) when (Unwrap(exception) is DistributedApplicationTestingHook.EntryPointStopped)
        {
            // Expected: Build() handed the builder over.
        }
        catch (TargetInvocationException exception) when (exception.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(exception.InnerException).Throw();
        }

        var builder = DistributedApplicationTestingHook.Captured
            ?? throw new InvalidOperationException($"{assembly.GetName().Name} returned without calling Build().");
        DistributedApplicationTestingHook.Clear();
        return builder;
    }

    private static Exception Unwrap(Exception exception) =>
        exception is TargetInvocationException { InnerException: { } inner } ? inner : exception;
}
