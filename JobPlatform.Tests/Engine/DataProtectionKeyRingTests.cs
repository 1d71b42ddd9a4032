using System.Text.Json;
using JobPlatform.Engine;
using JobPlatform.Engine.Data;
using JobPlatform.Engine.Jobs;
using JobPlatform.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace JobPlatform.Tests.Engine;

/// <summary>The key ring that seals secret parameters, shared through PostgreSQL by replicas that start together.</summary>
[Collection(AppHostCollection.Name)]
public sealed class DataProtectionKeyRingTests(AppHostFixture fixture)
{
    [Fact]
    public async Task Replicas_starting_together_on_an_empty_database_share_one_key_and_open_each_others_values()
    {
        await using var database = await ScratchDatabase.CreateAsync(fixture.App, "keyring");
        var connectionString = database.ConnectionString;
        using var first = Replica(database);
        using var second = Replica(database);

        await Task.WhenAll(first.Services.MigrateJobsDatabaseAsync(), second.Services.MigrateJobsDatabaseAsync());

        Assert.Equal(1L, await JobsDatabase.ScalarAsync<long>(connectionString, "SELECT count(*) FROM data_protection_keys"));
        var handler = new TestJobType(["secret"]);
        var jobId = Guid.NewGuid();
        var parameters = JsonDocument.Parse("""{"secret": "replica-secret"}""").RootElement;
        var sealedByFirst = first.Services.GetRequiredService<JobParameterSealer>().Seal(handler, jobId, parameters);
        var sealedBySecond = second.Services.GetRequiredService<JobParameterSealer>().Seal(handler, jobId, parameters);
        Assert.Equal("replica-secret", second.Services.GetRequiredService<JobParameterSealer>().Unseal(handler, jobId, sealedByFirst).GetProperty("secret").GetString());
        Assert.Equal("replica-secret", first.Services.GetRequiredService<JobParameterSealer>().Unseal(handler, jobId, sealedBySecond).GetProperty("secret").GetString());
    }

    /// <summary>What every service registers for secret parameters, on its own database connection pool.</summary>
    private static IHost Replica(ScratchDatabase database) => database.ServiceHost(builder => builder.Services.AddSecretJobParameters());
}
