using System.Text.Json;
using JobPlatform.Tests.Infrastructure;

namespace JobPlatform.Tests.Providers;

/// <summary>
/// The worker services of the topology register the providers (with their defaults pointing at the sandbox and the
/// AppHost's credentials, or they would not have started): each replica reports every provider's circuit in /health.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class WorkerProvidersTests(AppHostFixture fixture)
{
    [Theory]
    [InlineData("workers")]
    [InlineData("ai-workers")]
    public async Task Each_worker_reports_every_providers_circuit_in_its_health(string service)
    {
        using var http = new HttpClient();
        foreach (var url in fixture.App.HttpUrls(service))
        {
            using var health = JsonDocument.Parse(await http.GetStringAsync($"{url}/health"));

            var entries = health.RootElement.GetProperty("entries");
            foreach (var provider in new[] { "apify", "facebook-graph", "openai", "media" })
            {
                var entry = entries.GetProperty($"provider-{provider}");
                Assert.Equal("Healthy", entry.GetProperty("status").GetString());
                Assert.EndsWith("circuit closed.", entry.GetProperty("description").GetString());
            }
        }
    }
}
