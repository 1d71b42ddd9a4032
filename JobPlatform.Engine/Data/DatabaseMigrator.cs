using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using JobPlatform.Engine.Jobs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace JobPlatform.Engine.Data;

/// <summary>
/// Applies the engine's Data/Migrations/NNNN_*.sql in order, each once, then those of each module registered with
/// <see cref="AddDatabaseMigrations"/> (embedded resources named <c>migrations/{module}_NNNN_*.sql</c>), in the order
/// they were registered, under a PostgreSQL advisory lock so that replicas starting
/// together do not race (EF's migration tooling needs Microsoft.EntityFrameworkCore.Design, not served here); then,
/// under the same lock, gives the Data Protection key ring its key (<see cref="DataProtectionKeyRing"/>) and checks
/// that every tenant's tier is configured.
/// </summary>
public static partial class DatabaseMigrator
{
    private const long AdvisoryLockKey = 0x4A6F62506C6174; // "JobPlat"
    private static readonly TimeSpan MigrationTimeout = TimeSpan.FromMinutes(5);

    /// <summary>A module's tables live in the jobs database too: its migrations run after the engine's, under the same lock.</summary>
    public static IServiceCollection AddDatabaseMigrations(this IServiceCollection services, Assembly module)
    {
        // Once per module, however many of its registrations a service calls (TryAddEnumerable cannot tell instances apart).
        if (!services.Any(d => d.ImplementationInstance is ModuleMigrations registered && registered.Assembly == module))
        {
            services.AddSingleton(new ModuleMigrations(module));
        }

        return services;
    }

    public static async Task MigrateJobsDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<JobsDbContext>();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseMigrator));
        // Replicas starting together wait here for the one that migrates: the service's request-sized command timeout
        // (the API's is 10 s) would make them give up while a slow machine is still migrating.
        db.Database.SetCommandTimeout(MigrationTimeout);
        // Retried as a whole: the server may still be starting, or restarting.
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_lock({AdvisoryLockKey})", cancellationToken);
                await db.Database.ExecuteSqlRawAsync(
                    "CREATE TABLE IF NOT EXISTS schema_migrations (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
                    cancellationToken);
                var applied = await db.Database.SqlQueryRaw<string>("SELECT version AS \"Value\" FROM schema_migrations").ToListAsync(cancellationToken);
                var assemblies = scope.ServiceProvider.GetServices<ModuleMigrations>().Select(m => m.Assembly).Prepend(typeof(DatabaseMigrator).Assembly);
                foreach (var (assembly, resource) in assemblies.SelectMany(a =>
                    a.GetManifestResourceNames().Where(n => n.StartsWith("migrations/", StringComparison.Ordinal)).Order().Select(n => (a, n))))
                {
                    var version = Path.GetFileNameWithoutExtension(resource);
                    if (applied.Contains(version))
                    {
                        continue;
                    }

                    using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
                    var sql = await reader.ReadToEndAsync(cancellationToken);
                    await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                    // Plain ADO.NET: EF Core's raw SQL would read a migration's braces ('{}') as its parameter placeholders.
                    await using var command = db.Database.GetDbConnection().CreateCommand();
                    command.Transaction = transaction.GetDbTransaction();
                    command.CommandText = sql;
                    await command.ExecuteNonQueryAsync(cancellationToken);
                    await db.Database.ExecuteSqlAsync($"INSERT INTO schema_migrations (version) VALUES ({version})", cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                    LogMigrationApplied(logger, version);
                }

                DataProtectionKeyRing.EnsureActiveKey(scope.ServiceProvider);
                await VerifyTiersAsync(db, scope.ServiceProvider.GetRequiredService<IOptions<JobEngineOptions>>().Value, cancellationToken);
            }
            finally
            {
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None);
                await db.Database.CloseConnectionAsync();
            }
        });
    }

    /// <summary>
    /// Refuses to start with a configuration that lacks a tier some tenant has: every request of that tenant would
    /// otherwise fail. Tiers are configuration (<c>Jobs:Tiers</c>); the schema does not list them.
    /// </summary>
    private static async Task VerifyTiersAsync(JobsDbContext db, JobEngineOptions options, CancellationToken cancellationToken)
    {
        var used = await db.Tenants.Select(t => t.Tier).Distinct().ToListAsync(cancellationToken);
        var missing = used.Where(tier => !options.Tiers.ContainsKey(tier)).Order().ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"Tenants have tiers that Jobs:Tiers does not configure: {string.Join(", ", missing)}. Configure them, or move those tenants first.");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied database migration {Version}")]
    private static partial void LogMigrationApplied(ILogger logger, string version);
}
