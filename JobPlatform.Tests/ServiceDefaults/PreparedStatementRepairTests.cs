using JobPlatform.Engine.Data;
using JobPlatform.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace JobPlatform.Tests.ServiceDefaults;

/// <summary>
/// A statement PostgreSQL refuses must not leave its pooled connection unusable for the next request (another user's):
/// with auto-prepared statements, a failure during the execution that prepares a query used to break that query on
/// that connection for good.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class PreparedStatementRepairTests(AppHostFixture fixture)
{
    [Fact]
    public async Task A_query_refused_while_being_prepared_leaves_its_connection_answering_the_next_caller()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:jobsdb"] = await fixture.App.GetConnectionStringAsync("jobsdb"),
            // One connection: every query below runs on the same one, as consecutive requests on a busy pool do.
            ["Aspire:Npgsql:EntityFrameworkCore:PostgreSQL:MaxPoolSize"] = "1",
        });
        builder.AddNpgsqlDbContext<JobsDbContext>("jobsdb");
        using var host = builder.Build();

        // Enough refused runs of one query for Npgsql to auto-prepare it during one of them.
        for (var i = 0; i < 10; i++)
        {
            var refused = await Assert.ThrowsAsync<PostgresException>(() => ListAsync(host.Services, Guid.NewGuid(), "a\0b"));
            Assert.Equal(PostgresErrorCodes.CharacterNotInRepertoire, refused.SqlState);
        }

        for (var i = 0; i < 10; i++)
        {
            Assert.Empty(await ListAsync(host.Services, Guid.NewGuid(), "diagnostic"));
        }
    }

    /// <summary>The list endpoint's query, filtered by job type.</summary>
    private static async Task<List<Job>> ListAsync(IServiceProvider services, Guid userId, string jobType)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<JobsDbContext>();
        return await db.Jobs.AsNoTracking().Where(j => j.UserId == userId && j.JobType == jobType)
            .OrderByDescending(j => j.CreatedAt).ThenByDescending(j => j.Id).Take(51).ToListAsync();
    }
}
