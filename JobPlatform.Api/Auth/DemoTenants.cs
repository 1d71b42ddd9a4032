using JobPlatform.Engine.Data;
using JobPlatform.Engine.Store;

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
        var store = scope.ServiceProvider.GetRequiredService<JobStore>();
        var time = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        foreach (var key in keys)
        {
            var now = time.GetUtcNow();
            var tenant = new Tenant { Id = Guid.CreateVersion7(), Name = $"demo-{key.Key}", Tier = key.Key, Credits = DemoCredits, CreatedAt = now };
            var user = new User { Id = Guid.CreateVersion7(), TenantId = tenant.Id, Name = $"demo-{key.Key}", CreatedAt = now };
            // False when the key is known already: from an earlier run, or another replica seeding at the same moment.
            await store.CreateTenantWithKeyAsync(tenant, user, new ApiKey { KeyHash = ApiKeys.Hash(key.Value!), UserId = user.Id, CreatedAt = now },
                CancellationToken.None);
        }
    }
}
