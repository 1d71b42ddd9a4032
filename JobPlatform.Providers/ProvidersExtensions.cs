using System.Diagnostics.Metrics;
using System.Net.Http.Headers;
using JobPlatform.Providers.Apify;
using JobPlatform.Providers.FacebookGraph;
using JobPlatform.Providers.Http;
using JobPlatform.Providers.Media;
using JobPlatform.Providers.OpenAI;
using JobPlatform.Providers.Resilience;
using JobPlatform.Providers.Telemetry;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace JobPlatform.Providers;

public static class ProvidersExtensions
{
    /// <summary>
    /// The providers' clients (<see cref="ApifyClient"/>, <see cref="FacebookGraphClient"/>, <see cref="OpenAIClient"/>,
    /// <see cref="MediaRehoster"/>, and OpenAI's chat as the service's <see cref="IChatClient"/>), each provider on an HttpClient of its own whose pipeline replaces the standard
    /// handler <c>AddServiceDefaults</c> gives every HttpClient; their options (<c>Providers:{Name}</c>), validated at
    /// start; a health check per provider; their meter and activity source in the service's OpenTelemetry.
    /// </summary>
    public static IHostApplicationBuilder AddProviders(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddSingleton<ProviderCircuits>();
        services.AddSingleton(serviceProvider =>
            new ProviderTelemetry(serviceProvider.GetRequiredService<IMeterFactory>(), serviceProvider.GetRequiredService<ProviderCircuits>()));

        services.AddProviderHttpClient<ApifyOptions>(ProviderIdentity.Apify, ApifyFaults.Instance, options => options.Token)
            .AddTypedClient<ApifyClient>();
        services.AddProviderHttpClient<FacebookGraphOptions>(ProviderIdentity.FacebookGraph, GraphFaults.Instance, options => options.AccessToken)
            .AddTypedClient<FacebookGraphClient>();
        services.AddProviderHttpClient<OpenAIOptions>(ProviderIdentity.OpenAI, OpenAIFaults.Instance, options => options.ApiKey)
            .AddTypedClient<OpenAIClient>();
        services.TryAddSingleton<IChatClient>(serviceProvider => OpenAIChatClientFactory.Create(serviceProvider.GetRequiredService<IHttpClientFactory>(),
            serviceProvider.GetRequiredService<IOptions<OpenAIOptions>>().Value));
        // Downloads carry no credential (CDN URLs are signed); the S3 client signs each of its requests itself.
        services.AddProviderHttpClient<MediaOptions>(ProviderIdentity.Media, MediaFaults.Instance, bearerToken: null);
        services.AddSingleton<MediaRehoster>();

        var health = services.AddHealthChecks();
        foreach (var provider in ProviderIdentity.All)
        {
            // Degraded, never Unhealthy: every check gates /health (Degraded answers 200 there), and a provider's
            // outage must not take the workers out of service.
            health.Add(new HealthCheckRegistration(provider.HealthCheckName,
                serviceProvider => new ProviderHealthCheck(provider, serviceProvider.GetRequiredService<ProviderCircuits>().For(provider)),
                HealthStatus.Degraded, ["providers"]));
        }

        // Configured, not created: the service defaults decide whether there are providers (spans only with a collector).
        services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddMeter(ProviderTelemetry.Name, "Polly"));
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddSource(ProviderTelemetry.Name));
        return builder;
    }

    /// <param name="bearerToken">The credential the provider takes as <c>Authorization: Bearer</c>, if it takes one.</param>
    private static IHttpClientBuilder AddProviderHttpClient<TOptions>(this IServiceCollection services, ProviderIdentity provider, IFaultClassifier faults,
        Func<TOptions, string?>? bearerToken) where TOptions : ProviderOptions
    {
        services.AddOptions<TOptions>().BindConfiguration(provider.ConfigurationSection).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TOptions>>(new ProviderOptionsValidator<TOptions>(provider));
        var client = services.AddHttpClient(provider.Name, (serviceProvider, http) =>
        {
            var options = serviceProvider.GetRequiredService<IOptions<TOptions>>().Value;
            http.BaseAddress = options.BaseAddress;
            // Each attempt has its own timeout in the pipeline, sized per call (a transcription takes minutes).
            http.Timeout = Timeout.InfiniteTimeSpan;
            if (bearerToken is not null)
            {
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken(options));
            }
        });
#pragma warning disable EXTEXP0001 // Experimental, and the documented way to replace the standard handler for one client.
        client.RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        // Registered once per client, the pipeline is built once and kept by the factory: its circuit breaker is the
        // provider's for the whole process, whatever the handler rotation. The factory's own logs need nothing more
        // (.NET 9+): they show request headers (at Trace) with their values hidden, and URLs with their queries hidden.
        client.AddResilienceHandler("resilience", (pipeline, context) => ProviderPipeline.Build(pipeline,
            context.ServiceProvider.GetRequiredService<IOptions<TOptions>>().Value, faults,
            context.ServiceProvider.GetRequiredService<ProviderCircuits>().For(provider)));
        return client;
    }
}
