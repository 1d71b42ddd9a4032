using System.Globalization;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using JobPlatform.Hosting.Orchestration;
using JobPlatform.Tests.Infrastructure;
using RabbitMQ.Client;

namespace JobPlatform.Tests.Jobs;

/// <summary>Faulty dependencies: workers down, a worker killed mid-job, the broker down, a message delivered twice, Redis down.</summary>
[Collection(AppHostCollection.Name)]
public sealed class JobFaultTests(AppHostFixture fixture)
{
    [Fact]
    public async Task With_workers_down_a_full_lane_is_503_and_a_cancelled_queued_job_never_starts()
    {
        var app = fixture.App;
        var user = await Tenants.CreateUserAsync(app);
        await app.StopResourceAsync("workers");
        var queued = new List<Guid>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                queued.Add(await user.Http.SubmitJobAsync(new { duration_ms = 0 }, priority: "critical"));
            }

            var full = await user.Http.SubmitAsync(new { duration_ms = 0 }, priority: "critical");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, full.StatusCode);
            Assert.NotNull(full.Headers.RetryAfter);
            Assert.Contains("maximum of 3 queued jobs", await full.Content.ReadAsStringAsync());

            var cancel = await Tenants.ReadAsync(await user.Http.DeleteAsync($"/api/v1/jobs/{queued[0]}"));
            Assert.Equal("cancelled", cancel.GetProperty("status").GetString());
            Assert.Equal(998, await Tenants.CreditsAsync(app, user.TenantId)); // refunded: it never started
            // Stopped by the operator, not crashed: nothing starts the workers again behind the test's back.
            Assert.All(app.GetResourceSnapshots().Where(s => s.Resource == "workers"), s => Assert.Equal(ResourceState.Finished, s.State));
        }
        finally
        {
            await StartAgainAsync("workers");
        }

        await user.Http.WaitForStatusAsync(queued[1], "completed");
        await user.Http.WaitForStatusAsync(queued[2], "completed");
        var never = await user.Http.StatusAsync(queued[0]);
        Assert.Equal("cancelled", never.GetProperty("status").GetString());
        Assert.Equal(0, never.GetProperty("attempts").GetInt32());
    }

    [Fact]
    public async Task A_worker_killed_mid_job_leaves_a_job_another_worker_completes_exactly_once()
    {
        var app = fixture.App;
        var user = await Tenants.CreateUserAsync(app);
        var jobId = await user.Http.SubmitJobAsync(new { duration_ms = 3000, progress_steps = 3 });
        await user.Http.WaitForStatusAsync(jobId, "processing");
        var owner = await JobsDatabase.ScalarAsync<string>(app, "SELECT lease_owner FROM jobs WHERE id = $1", jobId);
        var pid = int.Parse(owner!.Split('/')[1], CultureInfo.InvariantCulture);
        var killed = Assert.Single(app.GetResourceSnapshots(), s => s.ProcessIds.Contains(pid));

        Process.GetProcessById(pid).Kill();
        var done = await user.Http.WaitForStatusAsync(jobId, "completed", TimeSpan.FromSeconds(60));

        Assert.Equal(2, done.GetProperty("attempts").GetInt32());
        Assert.Equal(2, done.GetProperty("result").GetProperty("attempt").GetInt32());
        // The killed replica comes back by itself, its crash recorded, as under an orchestrator's restart policy.
        var restarted = await WaitForRestartAsync(killed);
        Assert.Equal(new int?[] { pid, 137 }, new[] { restarted.LastExit?.ProcessId, restarted.LastExit?.ExitCode });
    }

    [Fact]
    public async Task A_job_cancelled_while_its_worker_is_dead_ends_cancelled_when_its_lease_is_reclaimed()
    {
        var app = fixture.App;
        var user = await Tenants.CreateUserAsync(app);
        var jobId = await user.Http.SubmitJobAsync(new { duration_ms = 20_000, progress_steps = 20 });
        await user.Http.WaitForStatusAsync(jobId, "processing");
        var owner = await JobsDatabase.ScalarAsync<string>(app, "SELECT lease_owner FROM jobs WHERE id = $1", jobId);
        var pid = int.Parse(owner!.Split('/')[1], CultureInfo.InvariantCulture);
        var killed = Assert.Single(app.GetResourceSnapshots(), s => s.ProcessIds.Contains(pid));

        Process.GetProcessById(pid).Kill();
        var requested = await Tenants.ReadAsync(await user.Http.DeleteAsync($"/api/v1/jobs/{jobId}"));
        Assert.Equal("processing", requested.GetProperty("status").GetString()); // nobody is left to stop it: the flag waits

        var cancelled = await user.Http.WaitForStatusAsync(jobId, "cancelled", TimeSpan.FromSeconds(60));
        Assert.Equal(1, cancelled.GetProperty("attempts").GetInt32());
        Assert.Equal(999, await Tenants.CreditsAsync(app, user.TenantId)); // it had started: not refunded
        await WaitForRestartAsync(killed);
    }

    [Fact]
    public async Task A_redelivered_message_for_a_finished_job_does_not_run_it_again()
    {
        var app = fixture.App;
        var user = await Tenants.CreateUserAsync(app);
        var jobId = await user.Http.SubmitJobAsync(new { duration_ms = 0 });
        await user.Http.WaitForStatusAsync(jobId, "completed");

        var factory = new ConnectionFactory { Uri = new Uri((await app.GetConnectionStringAsync("messaging"))!) };
        await using (var connection = await factory.CreateConnectionAsync())
        await using (var channel = await connection.CreateChannelAsync(new CreateChannelOptions(true, true)))
        {
            for (var i = 0; i < 3; i++)
            {
                await channel.BasicPublishAsync("jobs", "general.normal", true, new BasicProperties { Persistent = true },
                    JsonSerializer.SerializeToUtf8Bytes(new { job_id = jobId, JobId = jobId }));
            }
        }

        // Let the duplicates be consumed: a later job on the same lane completing means they were handled before it.
        await user.Http.WaitForStatusAsync(await user.Http.SubmitJobAsync(new { duration_ms = 0 }), "completed");
        var after = await user.Http.StatusAsync(jobId);
        Assert.Equal("completed", after.GetProperty("status").GetString());
        Assert.Equal(1, after.GetProperty("attempts").GetInt32());
    }

    [Fact]
    public async Task Jobs_accepted_while_rabbitmq_is_down_all_run_once_it_is_back()
    {
        var app = fixture.App;
        var user = await Tenants.CreateUserAsync(app);
        await app.StopResourceAsync("messaging");
        var accepted = new List<Guid>();
        try
        {
            for (var i = 0; i < 5; i++)
            {
                var response = await user.Http.SubmitAsync(new { duration_ms = 0 });
                Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
                accepted.Add((await Tenants.ReadAsync(response)).GetProperty("job_id").GetGuid());
            }

            Assert.All(await Task.WhenAll(accepted.Select(user.Http.StatusAsync)), s => Assert.Equal("queued", s.GetProperty("status").GetString()));
        }
        finally
        {
            await StartAgainAsync("messaging");
        }

        foreach (var jobId in accepted)
        {
            var done = await user.Http.WaitForStatusAsync(jobId, "completed", TimeSpan.FromSeconds(90));
            Assert.Equal(1, done.GetProperty("attempts").GetInt32());
        }
    }

    [Fact]
    public async Task While_postgresql_restarts_submissions_get_503_and_afterwards_everything_works()
    {
        var app = fixture.App;
        var user = await Tenants.CreateUserAsync(app);
        var before = await user.Http.SubmitJobAsync(new { duration_ms = 0 });
        await user.Http.WaitForStatusAsync(before, "completed");

        await app.StopResourceAsync("postgres");
        try
        {
            var refused = await user.Http.SubmitAsync(new { duration_ms = 0 });
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.NotNull(refused.Headers.RetryAfter);
        }
        finally
        {
            await StartAgainAsync("postgres");
        }

        var after = await Eventually.ReturnsAsync(() => user.Http.SubmitAsync(new { duration_ms = 0 }),
            r => r.StatusCode == HttpStatusCode.Accepted, TimeSpan.FromSeconds(30), "submissions to be accepted again");
        await user.Http.WaitForStatusAsync((await Tenants.ReadAsync(after)).GetProperty("job_id").GetGuid(), "completed", TimeSpan.FromSeconds(60));
        Assert.Equal(998, await Tenants.CreditsAsync(app, user.TenantId)); // the refused submission cost nothing
    }

    [Fact]
    public async Task A_result_no_record_can_hold_fails_its_own_job_with_a_reason_and_no_other()
    {
        var user = await Tenants.CreateUserAsync(fixture.App);
        var unstorable = await user.Http.SubmitJobAsync(new { unstorable_result = true });
        var others = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => user.Http.SubmitJobAsync(new { duration_ms = 0 })));

        var failed = await user.Http.WaitForStatusAsync(unstorable, "failed");
        Assert.Equal(4, failed.GetProperty("attempts").GetInt32()); // retried like any failed attempt, then dead-lettered
        Assert.Contains("result cannot be stored: result.text contains a NUL character", failed.GetProperty("error_message").GetString());
        foreach (var jobId in others)
        {
            await user.Http.WaitForStatusAsync(jobId, "completed");
        }
    }

    [Fact]
    public async Task With_redis_down_jobs_run_status_reads_answer_at_once_streams_open_and_cancellation_lands()
    {
        var app = fixture.App;
        var user = await Tenants.CreateUserAsync(app);
        await app.StopResourceAsync("redis");
        try
        {
            var done = await user.Http.SubmitJobAsync(new { duration_ms = 0, progress_steps = 2 });
            await user.Http.WaitForStatusAsync(done, "completed");
            // From PostgreSQL, without waiting for Redis: a client that queued commands while disconnected would hold
            // each read for its 5 s timeout before falling back.
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < 3; i++)
            {
                Assert.Equal("completed", (await user.Http.StatusAsync(done)).GetProperty("status").GetString());
            }

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"3 status reads took {clock.Elapsed}");

            var running = await user.Http.SubmitJobAsync(new { duration_ms = 60_000, progress_steps = 60 });
            await user.Http.WaitForStatusAsync(running, "processing");
            using (var events = await user.Http.GetAsync($"/api/v1/jobs/{running}/events", HttpCompletionOption.ResponseHeadersRead))
            {
                Assert.Equal(HttpStatusCode.OK, events.StatusCode);
                Assert.Equal("processing", (await FirstEventAsync(events)).GetProperty("status").GetString());
            }

            // No signal reaches the worker: the heartbeat reads the request from PostgreSQL.
            await user.Http.DeleteAsync($"/api/v1/jobs/{running}");
            await user.Http.WaitForStatusAsync(running, "cancelled", TimeSpan.FromSeconds(10));
        }
        finally
        {
            await StartAgainAsync("redis");
            foreach (var url in app.HttpUrls("api"))
            {
                using var http = new HttpClient { BaseAddress = new Uri(url) };
                await Eventually.ReturnsAsync(() => http.GetAsync("/health"), r => r.StatusCode == HttpStatusCode.OK,
                    TimeSpan.FromSeconds(30), $"{url} to reach Redis again");
            }
        }
    }

    private static async Task<JsonElement> FirstEventAsync(HttpResponseMessage events)
    {
        using var reader = new StreamReader(await events.Content.ReadAsStreamAsync());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                return JsonDocument.Parse(line["data: ".Length..]).RootElement.Clone();
            }
        }

        throw new InvalidOperationException("The stream ended without an event.");
    }

    /// <summary>The replica's snapshot once it is running and healthy again after the crash the test caused.</summary>
    private async Task<ResourceSnapshot> WaitForRestartAsync(ResourceSnapshot killed)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var replicas = await fixture.App.ResourceNotifications.WaitForResourceAsync(killed.Resource,
            s => s.Name != killed.Name || (s is { State: ResourceState.Running, Health: HealthStatus.Healthy } && s.Restarts == killed.Restarts + 1),
            timeout.Token);
        return Assert.Single(replicas, s => s.Name == killed.Name);
    }

    /// <summary>Leaves the shared topology as the next test expects it: the resource running and healthy.</summary>
    private async Task StartAgainAsync(string resource)
    {
        await fixture.App.StartResourceAsync(resource);
        await fixture.App.ResourceNotifications.WaitForResourceHealthyAsync(resource);
    }
}
