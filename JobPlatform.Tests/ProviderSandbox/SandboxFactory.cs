extern alias JobPlatformProviderSandbox;

using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace JobPlatform.Tests.ProviderSandbox;

/// <summary>
/// The provider sandbox hosted in-process (<c>WebApplicationFactory&lt;Program&gt;</c> on a test server), with its own
/// data directory and the credentials the workers would be given. One per test class: faults, call counts and the
/// latency profile belong to the instance, so classes running side by side do not see each other's.
/// </summary>
public sealed class SandboxFactory : WebApplicationFactory<JobPlatformProviderSandbox::Program>
{
    public const string ApifyToken = "test-apify-token";
    public const string GraphToken = "test-graph-token";
    public const string OpenAIKey = "sk-test-openai-key";
    public const string MediaAccessKey = "TESTACCESSKEY";
    public const string MediaSecretKey = "test-secret-key";

    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("provider-sandbox-tests-").FullName;

    public HttpClient Apify()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApifyToken);
        return client;
    }

    public HttpClient OpenAI()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", OpenAIKey);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Sandbox:DataDirectory", DataDirectory);
        builder.UseSetting("Sandbox:Latency", "fast");
        builder.UseSetting("Providers:Apify:Token", ApifyToken);
        builder.UseSetting("Providers:FacebookGraph:AccessToken", GraphToken);
        builder.UseSetting("Providers:OpenAI:ApiKey", OpenAIKey);
        builder.UseSetting("Providers:Media:AccessKey", MediaAccessKey);
        builder.UseSetting("Providers:Media:SecretKey", MediaSecretKey);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(DataDirectory, recursive: true);
    }
}
