using JobPlatform.ContentAnalysis;
using JobPlatform.ContentAnalysis.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace JobPlatform.Tests.ContentAnalysis;

/// <summary>docs/requirements.md R-003-12: past ContentAnalysis:MemoryLimitMb the host stops itself (to be restarted); under it, nothing happens.</summary>
[Collection(ContentAnalysisCollection.Name)]
public sealed class MemoryGuardTests(ContentAnalysisFixture fixture)
{
    [Theory]
    [InlineData(1, true)]
    [InlineData(1_000_000, false)]
    [InlineData(0, false)]
    public void The_host_stops_only_when_the_working_set_passes_the_limit(int limitMb, bool stops)
    {
        using var host = Build(limitMb);
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();

        var stopped = host.Services.GetRequiredService<MemoryGuard>().StopWhenOverLimit();

        Assert.Equal(stops, stopped);
        Assert.Equal(stops, lifetime.ApplicationStopping.IsCancellationRequested);
    }

    [Fact]
    public async Task A_running_host_over_its_limit_stops_by_itself_within_its_check_interval()
    {
        using var host = Build(limitMb: 1);
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();

        await host.StartAsync();
        var stopping = await Task.WhenAny(Task.Delay(TimeSpan.FromSeconds(10)), Task.Delay(Timeout.Infinite, lifetime.ApplicationStopping));

        Assert.True(lifetime.ApplicationStopping.IsCancellationRequested, "The host did not stop within 10 s.");
        Assert.NotNull(stopping);
        await host.StopAsync();
    }

    private IHost Build(int limitMb)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ContentAnalysis:DataDirectory"] = fixture.Options.DataDirectory,
            ["ContentAnalysis:MemoryLimitMb"] = $"{limitMb}",
            ["ContentAnalysis:MemoryCheckInterval"] = "00:00:00.200",
        });
        builder.AddContentAnalysis();
        return builder.Build();
    }
}
