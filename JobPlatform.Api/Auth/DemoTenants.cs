using JobPlatform.Engine.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace JobPlatform.Api.Auth;

/// <summary>
/// Seeds one demo tenant per tier from <c>Demo:Keys:{tier}</c> (the AppHost generates the keys and shows them), so a
/// fresh run can be tried at once. Idempotent: a key already known is left alone.
/// </summary>
public static class DemoTenants
{
    private const long DemoCredits = 100_000;

    public static async Task SeedDemoTenantsAsync(this IServiceProvider services, IConfiguration configuration)
    {
        var keys = configuration.GetSection("Demo:Keys").GetChildren().Where(k => !string.IsNullOrEmpty(k.Value)).ToList();
        if (keys.Count == 0)
        {
            return;
        }

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<JobsDbContext>();
        var time = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        foreach (var key in keys)
        {
            var hash = ApiKeys.Hash(key.Value!);
            if (await db.ApiKeys.AnyAsync(k => k.KeyHash == hash))
            {
                continue;
            }

            var now = time.GetUtcNow();
            var tenant = new Tenant { Id = Guid.CreateVersion7(), Name = $"demo-{key.Key}", Tier = key.Key, Credits = DemoCredits, CreatedAt = now };
            var user = new User { Id = Guid.CreateVersion7(), TenantId = tenant.Id, Name = $"demo-{key.Key}", CreatedAt = now };
            db.AddRange(tenant, user, new ApiKey { KeyHash = hash, UserId = user.Id, CreatedAt = now });
            try
            {
                await db.SaveChangesAsync();
            }
            catch (DbUpdateException exception) when (exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                // Another API replica seeded this key at the same moment; its tenant stands.
                db.ChangeTracker.Clear();
            }
        }
    }
}
