using System.Text.Json;
using JobPlatform.ProviderSandbox.Apify;
using JobPlatform.ProviderSandbox.Control;
using JobPlatform.ProviderSandbox.FacebookGraph;
using JobPlatform.ProviderSandbox.Media;
using JobPlatform.ProviderSandbox.OpenAI;

namespace JobPlatform.ProviderSandbox;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<SandboxOptions>(builder.Configuration.GetSection(SandboxOptions.SectionName));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(services => ProviderCredentials.From(services.GetRequiredService<IConfiguration>(), services.GetRequiredService<ILogger<ProviderCredentials>>()));
        builder.Services.AddSingleton<LatencySettings>();
        builder.Services.AddSingleton<FaultInjector>();
        builder.Services.AddSingleton<CallCounter>();
        // The control API speaks snake_case (retry_after_seconds); each provider's endpoints write with their own casing.
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);

        builder.Services.AddSingleton<ApifyDialect>();
        builder.Services.AddSingleton<RunStore>();
        builder.Services.AddSingleton<GraphDialect>();
        builder.Services.AddSingleton<OpenAIDialect>();
        builder.Services.AddSingleton<CdnDialect>();
        builder.Services.AddSingleton<S3Dialect>();
        builder.Services.AddSingleton<ObjectStore>();
    }

    public static void MapProviderApis(this WebApplication app)
    {
        // Resolved at start, not at the first request: the log says at once which credentials are development defaults.
        app.Services.GetRequiredService<ProviderCredentials>();

        app.MapApifyApi();
        app.MapFacebookGraphApi();
        app.MapOpenAIApi();
        app.MapCdnApi();
        app.MapS3Api();
        app.MapSandboxControlApi();
    }
}
