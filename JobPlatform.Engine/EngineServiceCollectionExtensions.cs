using JobPlatform.Engine.Data;
using JobPlatform.Engine.Execution;
using JobPlatform.Engine.Handlers;
using JobPlatform.Engine.Jobs;
using JobPlatform.Engine.Maintenance;
using JobPlatform.Engine.Messaging;
using JobPlatform.Engine.Store;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace JobPlatform.Engine;

public static class EngineServiceCollectionExtensions
{
    /// <summary>What the API and the workers share: rules, job types, publisher, live events, the clock.</summary>
    public static IHostApplicationBuilder AddJobEngine(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddOptions<JobEngineOptions>().BindConfiguration(JobEngineOptions.SectionName)
            .PostConfigure(options => options.RetryDelays = options.RetryDelays is [] ? JobEngineOptions.DefaultRetryDelays : options.RetryDelays);
        builder.Services.AddSingleton<JobTypeRegistry>();
        builder.Services.AddSingleton<JobDispatcher>();
        builder.Services.AddSingleton<JobPublisher>();
        builder.Services.AddSingleton<JobEvents>();
        builder.Services.AddScoped<JobStore>();
        builder.Services.AddSecretJobParameters();
        if (builder.Configuration.GetValue<bool>(DiagnosticJobHandler.EnabledKey))
        {
            builder.Services.AddJobType<DiagnosticJobHandler>();
            builder.Services.AddJobHandler<DiagnosticJobHandler>();
        }

        return builder;
    }

    /// <summary>
    /// Secret job parameters (<see cref="JobParameterSealer"/>): Data Protection with one application name and one key
    /// ring, in PostgreSQL, so that what any API replica seals any worker replica opens.
    /// </summary>
    public static IServiceCollection AddSecretJobParameters(this IServiceCollection services)
    {
        // The key ring's first key is dated by the platform's clock (DataProtectionKeyRing).
        services.TryAddSingleton(TimeProvider.System);
        services.AddDataProtection().SetApplicationName("JobPlatform").PersistKeysToDbContext<JobsDbContext>();
        services.AddSingleton<JobParameterSealer>();
        return services;
    }

    /// <summary>
    /// A worker host: the engine, the jobs of one workload (general or AI) and the shared maintenance duties. Both
    /// worker services are this call with their workload; they stay two hosts so that each scales on its own.
    /// </summary>
    public static IHostApplicationBuilder AddJobWorkers(this IHostApplicationBuilder builder, Workload workload)
    {
        builder.AddJobEngine();
        // An attempt that cannot renew its lease is stopped three quarters into it: at least two renewals must fit.
        builder.Services.AddOptions<JobEngineOptions>()
            .Validate(o => o.HeartbeatInterval > TimeSpan.Zero && o.HeartbeatInterval * 3 <= o.LeaseTimeout,
                "Jobs:HeartbeatInterval must be positive and at most a third of Jobs:LeaseTimeout.")
            .ValidateOnStart();
        builder.Services.AddSingleton<RunningJobs>();
        builder.Services.AddSingleton<ClaimBatcher>();
        builder.Services.AddSingleton<CompletionBatcher>();
        builder.Services.AddHostedService(services => ActivatorUtilities.CreateInstance<JobRunner>(services, workload));
        builder.Services.AddHostedService<LegacyQueueDrain>();
        builder.Services.AddHostedService<LeaseRescue>();
        builder.Services.AddHostedService<OverduePublishing>();
        builder.Services.AddHostedService<Retention>();
        return builder;
    }
}
