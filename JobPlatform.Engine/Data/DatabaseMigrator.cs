using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace JobPlatform.Engine.Data;

/// <summary>
/// Applies Data/Migrations/NNNN_*.sql in order, each once, under a PostgreSQL advisory lock so that replicas starting
/// together do not race (EF's migration tooling needs Microsoft.EntityFrameworkCore.Design, not served here); then,
/// under the same lock, gives the Data Protection key ring its key (<see cref="DataProtectionKeyRing"/>).
/// </summary>
public static class DatabaseMigrator
{
    private const long AdvisoryLockKey = 0x4A6F62506C6174; // "JobPlat"

    public static async Task MigrateJobsDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<JobsDbContext>();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseMigrator));
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
                var assembly = typeof(DatabaseMigrator).Assembly;
                foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith("migrations/")).Order())
                {
                    var version = Path.GetFileNameWithoutExtension(resource);
                    if (applied.Contains(version))
                    {
                        continue;
                    }

                    using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
                    var sql = await reader.ReadToEndAsync(cancellationToken);
                    await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                    await db.Database.ExecuteSqlRawAsync(sql, cancellationToken);
                    await db.Database.ExecuteSqlAsync($"INSERT INTO schema_migrations (version) VALUES ({version})", cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                    logger.LogInformation("Applied database migration {Version}", version);
                }

                DataProtectionKeyRing.EnsureActiveKey(scope.ServiceProvider);
            }
            finally
            {
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None);
                await db.Database.CloseConnectionAsync();
            }
        });
    }
}
