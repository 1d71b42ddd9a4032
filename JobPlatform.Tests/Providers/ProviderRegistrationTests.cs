using JobPlatform.Providers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace JobPlatform.Tests.Providers;

/// <summary>A service whose provider settings are missing or wrong does not start, and says which keys to fix.</summary>
public sealed class ProviderRegistrationTests
{
    [Fact]
    public async Task A_service_without_the_credentials_does_not_start_and_names_each_missing_key()
    {
        using var host = Build(new()
        {
            ["Providers:Apify:BaseUrl"] = "http://providers/apify/",
            ["Providers:FacebookGraph:BaseUrl"] = "http://providers/graph/",
            ["Providers:OpenAI:BaseUrl"] = "http://providers/openai/v1/",
            ["Providers:Media:BaseUrl"] = "http://providers/s3/",
        });

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());

        foreach (var key in new[] { "Providers:Apify:Token", "Providers:FacebookGraph:AccessToken", "Providers:OpenAI:ApiKey", "Providers:Media:AccessKey", "Providers:Media:SecretKey" })
        {
            Assert.Contains($"{key} is missing", failure.ToString());
        }
    }

    [Fact]
    public async Task Wrong_settings_are_refused_naming_their_keys_and_never_their_values()
    {
        using var host = Build(new()
        {
            ["Providers:Apify:BaseUrl"] = "apify",
            ["Providers:Apify:Token"] = "apify-token-value",
            ["Providers:Apify:PollWait"] = "00:01:30",
            ["Providers:Apify:Resilience:FailureThreshold"] = "1",
            ["Providers:FacebookGraph:BaseUrl"] = "http://providers/graph/",
            ["Providers:FacebookGraph:AccessToken"] = "graph-token-value",
            ["Providers:FacebookGraph:ApiVersion"] = "22",
            ["Providers:OpenAI:BaseUrl"] = "http://providers/openai/v1/",
            ["Providers:OpenAI:ApiKey"] = "openai-key-value",
            ["Providers:OpenAI:Resilience:MaxRetries"] = "11",
            ["Providers:Media:BaseUrl"] = "http://providers/s3/",
            ["Providers:Media:AccessKey"] = "media-access-value",
            ["Providers:Media:SecretKey"] = "media-secret-value",
            ["Providers:Media:MaxBytes"] = "0",
        });

        var failure = (await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync())).ToString();

        Assert.Contains("Providers:Apify:BaseUrl must be an absolute http(s) URL.", failure);
        Assert.Contains("Providers:Apify:PollWait must be between 1 and 60 seconds", failure);
        Assert.Contains("Providers:Apify:Resilience:FailureThreshold must be at least 2.", failure);
        Assert.Contains("Providers:FacebookGraph:ApiVersion must look like v22.0.", failure);
        Assert.Contains("Providers:OpenAI:Resilience:MaxRetries must be between 0 and 10.", failure);
        Assert.Contains("Providers:Media:MaxBytes must be positive.", failure);
        Assert.DoesNotContain("-value", failure);
    }

    private static IHost Build(Dictionary<string, string?> configuration)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Production });
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.AddProviders();
        return builder.Build();
    }
}
