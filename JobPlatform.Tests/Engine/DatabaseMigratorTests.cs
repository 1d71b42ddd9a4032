using JobPlatform.Engine;
using JobPlatform.Engine.Data;
using JobPlatform.Tests.Infrastructure;
using Microsoft.Extensions.Hosting;

namespace JobPlatform.Tests.Engine;

/// <summary>Tiers are configuration: a configured tier is usable as is, and a service refuses to start without one a tenant has.</summary>
[Collection(AppHostCollection.Name)]
public sealed class DatabaseMigratorTests(AppHostFixture fixture)
{
    [Fact]
    public async Task A_service_starts_only_when_every_tenants_tier_is_configured()
    {
        await using var database = await ScratchDatabase.CreateAsync(fixture.App, "tiers");
        var connectionString = database.ConnectionString;
        using (var withGold = Service(database, "gold"))
        {
            await withGold.Services.MigrateJobsDatabaseAsync();
        }

        // A tier beyond the default four: the schema does not list tiers.
        await JobsDatabase.ScalarAsync<int>(connectionString, "INSERT INTO tenants (id, name, tier, credits) VALUES (gen_random_uuid(), 'a tenant', 'gold', 0)");

        using var withoutGold = Service(database, extraTier: null);
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => withoutGold.Services.MigrateJobsDatabaseAsync());
        Assert.Contains("gold", refused.Message);
    }

    /// <summary>What a service registers to migrate the database, with the default tiers and maybe one more.</summary>
    private static IHost Service(ScratchDatabase database, string? extraTier) => database.ServiceHost(builder =>
    {
        if (extraTier is not null)
        {
            builder.Configuration[$"Jobs:Tiers:{extraTier}:MaxConcurrent"] = "1";
        }

        builder.AddJobEngine();
    });
}
