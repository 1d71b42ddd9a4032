using JobPlatform.ServiceDefaults.Clients;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Microsoft.Extensions.Hosting;

public sealed record NpgsqlEntityFrameworkCorePostgreSQLSettings : ClientSettings
{
    public bool DisableRetry { get; set; }

    /// <summary>Seconds a statement may run (per-workload: short for the API, long for workers).</summary>
    public int? CommandTimeout { get; set; }

    /// <summary>Seconds to wait for a pooled connection (or a new one). Not in Aspire's settings: our per-workload pools.</summary>
    public int? ConnectionTimeout { get; set; }

    /// <summary>Retries of a transient failure (default 6). The API keeps it low: a user should not wait a minute.</summary>
    public int? MaxRetryCount { get; set; }

    /// <summary>The pool's size. Not in Aspire's settings: our per-workload pools.</summary>
    public int? MaxPoolSize { get; set; }
}

/// <summary>Aspire.Npgsql.EntityFrameworkCore.PostgreSQL's registration: a pooled DbContext with retry on failure.</summary>
public static class NpgsqlDbContextExtensions
{
    private const string SectionName = "Aspire:Npgsql:EntityFrameworkCore:PostgreSQL";

    public static void AddNpgsqlDbContext<TContext>(this IHostApplicationBuilder builder, string connectionName,
        Action<NpgsqlEntityFrameworkCorePostgreSQLSettings>? configureSettings = null,
        Action<DbContextOptionsBuilder>? configureDbContextOptions = null)
        where TContext : DbContext
    {
        var settings = ClientSettings.Read(builder.Configuration, SectionName, connectionName, configureSettings);
        var connection = new NpgsqlConnectionStringBuilder(settings.ConnectionString)
        {
            ApplicationName = builder.Environment.ApplicationName,
            // Our services keep no session state on pooled connections (no SET, advisory locks released): skip the
            // DISCARD ALL that resetting costs on every checkout, and prepare the statements run again and again
            // (PreparedStatementRepair keeps a failed statement from leaving a prepared one broken).
            NoResetOnClose = true,
            MaxAutoPrepare = 64,
        };
        if (settings.ConnectionTimeout is { } connectionTimeout)
        {
            connection.Timeout = connectionTimeout;
        }

        if (settings.MaxPoolSize is { } maxPoolSize)
        {
            connection.MaxPoolSize = maxPoolSize;
        }

        var connectionString = connection.ConnectionString;

        builder.Services.AddDbContextPool<TContext>(options =>
        {
            options.UseNpgsql(connectionString, npgsql =>
            {
                if (!settings.DisableRetry)
                {
                    npgsql.EnableRetryOnFailure(settings.MaxRetryCount ?? 6);
                }

                if (settings.CommandTimeout is { } seconds)
                {
                    npgsql.CommandTimeout(seconds);
                }
            });
            options.AddInterceptors(new PreparedStatementRepair());
            configureDbContextOptions?.Invoke(options);
        });

        if (!settings.DisableHealthChecks)
        {
            builder.Services.AddHealthChecks().AddDbContextCheck<TContext>(typeof(TContext).Name);
        }
    }
}
