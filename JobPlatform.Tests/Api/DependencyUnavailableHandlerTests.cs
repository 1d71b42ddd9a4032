extern alias JobPlatformApi;

using JobPlatform.Tests.Infrastructure;
using JobPlatformApi::JobPlatform.Api.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace JobPlatform.Tests.Api;

/// <summary>
/// In an outage every request fails alike: each gets its 503, and the log gets one entry per interval with the count
/// of the others, not a stack trace per request (which kept the API saturated in the status-read collapse).
/// </summary>
public sealed class DependencyUnavailableHandlerTests : IDisposable
{
    private readonly FakeTimeProvider _time = new();
    private readonly CapturedLogs _logs = new();

    [Fact]
    public async Task Each_failed_request_gets_a_503_and_the_log_one_entry_per_interval_with_the_count_of_the_others()
    {
        await using var services = Services();
        var handler = new DependencyUnavailableHandler(services.GetRequiredService<IProblemDetailsService>(), _time,
            services.GetRequiredService<ILogger<DependencyUnavailableHandler>>());

        for (var request = 0; request < 100; request++)
        {
            var http = new DefaultHttpContext { RequestServices = services, Response = { Body = new MemoryStream() } };
            Assert.True(await handler.TryHandleAsync(http, new TimeoutException("The operation has timed out."), CancellationToken.None));
            Assert.Equal(StatusCodes.Status503ServiceUnavailable, http.Response.StatusCode);
        }

        Assert.Equal(["A dependency is unavailable (0 more requests failed the same way since the last entry)."], Entries());

        _time.Advance(DependencyUnavailableHandler.LogInterval);
        var later = new DefaultHttpContext { RequestServices = services, Response = { Body = new MemoryStream() } };
        Assert.True(await handler.TryHandleAsync(later, new TimeoutException("The operation has timed out."), CancellationToken.None));

        Assert.Equal(2, Entries().Count);
        Assert.Equal("A dependency is unavailable (99 more requests failed the same way since the last entry).", Entries()[1]);
    }

    [Fact]
    public async Task A_failure_that_is_not_an_outage_is_left_to_the_500_handler_and_not_logged_here()
    {
        await using var services = Services();
        var handler = new DependencyUnavailableHandler(services.GetRequiredService<IProblemDetailsService>(), _time,
            services.GetRequiredService<ILogger<DependencyUnavailableHandler>>());
        var http = new DefaultHttpContext { RequestServices = services, Response = { Body = new MemoryStream() } };

        Assert.False(await handler.TryHandleAsync(http, new InvalidOperationException("a bug"), CancellationToken.None));

        Assert.Empty(Entries());
    }

    public void Dispose() => _logs.Dispose();

    private ServiceProvider Services()
    {
        var services = new ServiceCollection();
        services.AddProblemDetails();
        services.AddLogging(logging => logging.AddProvider(_logs));
        return services.BuildServiceProvider();
    }

    /// <summary>This handler's messages, in order.</summary>
    private List<string> Entries() => _logs.Entries
        .Where(entry => entry.StartsWith(typeof(DependencyUnavailableHandler).FullName!, StringComparison.Ordinal))
        .Select(entry => entry.Split(": ", 2)[1].Split(" | ")[0])
        .ToList();
}
