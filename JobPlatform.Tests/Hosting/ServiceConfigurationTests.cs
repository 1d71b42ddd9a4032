using System.Diagnostics;
using JobPlatform.Hosting;

namespace JobPlatform.Tests.Hosting;

public sealed class ServiceConfigurationTests
{
    public static TheoryData<string, string> ServicesAndConnections()
    {
        var data = new TheoryData<string, string>();
        foreach (var service in new[] { "api", "workers", "ai-workers" })
        {
            foreach (var connection in new[] { "redis", "jobsdb", "messaging" })
            {
                data.Add(service, connection);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ServicesAndConnections))]
    public async Task A_service_started_without_a_connection_string_fails_naming_the_missing_key(string service, string connection)
    {
        IProjectMetadata project = service switch
        {
            "api" => new Projects.JobPlatform_Api(),
            "workers" => new Projects.JobPlatform_Workers(),
            _ => new Projects.JobPlatform_AiWorkers(),
        };
        var start = new ProcessStartInfo("dotnet", [project.TargetPath])
        {
            WorkingDirectory = Path.GetDirectoryName(project.ProjectPath)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
                // Empty overrides the appsettings.json fallback: the key is present but says nothing.
                [$"ConnectionStrings__{connection}"] = "",
            },
        };

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        Assert.NotEqual(0, process.ExitCode);
        Assert.Contains($"'ConnectionStrings:{connection}'", await error + await output);
    }
}
