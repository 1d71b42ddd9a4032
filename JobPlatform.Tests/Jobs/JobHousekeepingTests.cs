using JobPlatform.Tests.Infrastructure;

namespace JobPlatform.Tests.Jobs;

[Collection(AppHostCollection.Name)]
public sealed class JobHousekeepingTests(AppHostFixture fixture)
{
    [Fact]
    public async Task Finished_jobs_older_than_the_retention_are_deleted_and_younger_ones_kept()
    {
        var user = await Tenants.CreateUserAsync(fixture.App);
        var old = Guid.NewGuid();
        var recent = Guid.NewGuid();
        await JobsDatabase.ScalarAsync<object>(fixture.App, """
            INSERT INTO jobs (id, tenant_id, user_id, job_type, priority, status, parameters, cost, max_attempts, created_at, run_after, completed_at)
            VALUES ($1, $3, $4, 'diagnostic', 'normal', 'completed', '{}', 1, 4, now() - interval '8 days', now(), now() - interval '8 days'),
                   ($2, $3, $4, 'diagnostic', 'normal', 'failed', '{}', 1, 4, now() - interval '6 days', now(), now() - interval '6 days')
            """, old, recent, user.TenantId, user.UserId);

        await Eventually.ReturnsAsync(
            () => JobsDatabase.ScalarAsync<long>(fixture.App, "SELECT count(*) FROM jobs WHERE id = $1", old), count => count == 0,
            TimeSpan.FromSeconds(30), "the 8-day-old job to be deleted");

        Assert.Equal(1, await JobsDatabase.ScalarAsync<long>(fixture.App, "SELECT count(*) FROM jobs WHERE id = $1", recent));
    }

    [Fact]
    public async Task Each_workload_has_its_own_database_pool()
    {
        var applications = await JobsDatabase.ScalarAsync<string>(fixture.App,
            "SELECT string_agg(DISTINCT application_name, ',' ORDER BY application_name) FROM pg_stat_activity WHERE datname = 'jobsdb' AND application_name LIKE 'JobPlatform.%'");

        Assert.Equal("JobPlatform.AiWorkers,JobPlatform.Api,JobPlatform.Workers", applications);
    }
}
