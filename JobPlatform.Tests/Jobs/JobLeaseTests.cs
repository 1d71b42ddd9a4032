using JobPlatform.Engine.Handlers;
using JobPlatform.Tests.Infrastructure;
using StackExchange.Redis;

namespace JobPlatform.Tests.Jobs;

/// <summary>Leases through a PostgreSQL outage: a job never runs in two attempts at once.</summary>
[Collection(AppHostCollection.Name)]
public sealed class JobLeaseTests(AppHostFixture fixture)
{
    [Fact]
    public async Task A_worker_that_cannot_renew_its_lease_stops_the_attempt_before_another_one_starts()
    {
        var app = fixture.App;
        var user = await Tenants.CreateUserAsync(app);
        using var redis = await ConnectionMultiplexer.ConnectAsync((await app.GetConnectionStringAsync("redis"))!);
        var jobId = await user.Http.SubmitJobAsync(new { duration_ms = 12_000, progress_steps = 12, trace = true });

        // The handlers' own account of when each attempt ran, in the order Redis received it from any worker.
        // PostgreSQL cannot show it: by design it refuses every write of an attempt that lost its lease.
        async Task<string[]> TraceAsync() =>
            (await redis.GetDatabase().ListRangeAsync(DiagnosticJobHandler.TraceKey(jobId))).Select(entry => (string)entry!).ToArray();

        await Eventually.ReturnsAsync(TraceAsync, t => t.Contains("attempt 1 started"), TimeSpan.FromSeconds(30), "attempt 1 to start");
        await app.StopResourceAsync("postgres");
        try
        {
            // No renewal can succeed: the worker stops the handler before its lease could expire, without waiting for
            // the database. Until then the outage goes on, so the sweeper cannot start attempt 2 beside attempt 1.
            await Eventually.ReturnsAsync(TraceAsync, t => t.Contains("attempt 1 stopped"), AppHostFixture.LeaseTimeout * 2,
                "attempt 1 to stop once its lease could not be renewed");
        }
        finally
        {
            await app.StartResourceAsync("postgres");
            await app.ResourceNotifications.WaitForResourceHealthyAsync("postgres");
        }

        // The sweeper reclaims the expired lease and attempt 2 runs the job to completion; attempt 1 recorded nothing.
        await Eventually.ReturnsAsync(() => JobsDatabase.ScalarAsync<string>(app, "SELECT status FROM jobs WHERE id = $1", jobId),
            status => status == "completed", TimeSpan.FromSeconds(60), $"job {jobId} to complete");
        Assert.Equal(2, await JobsDatabase.ScalarAsync<int>(app, "SELECT attempts FROM jobs WHERE id = $1", jobId));
        Assert.Equal(2, await JobsDatabase.ScalarAsync<int>(app, "SELECT (result->>'attempt')::int FROM jobs WHERE id = $1", jobId));
        Assert.Equal(["attempt 1 started", "attempt 1 stopped", "attempt 2 started", "attempt 2 stopped"], await TraceAsync());
    }
}
