using System.Net;
using System.Security.Cryptography;
using System.Text;
using JobPlatform.Tests.Infrastructure;

namespace JobPlatform.Tests.Jobs;

/// <summary>
/// A job type's secret parameters (the diagnostic type's <c>secret</c>) through the real servers: sealed at rest, seen
/// in clear by the worker that runs the job, shown nowhere else.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class JobSecretsTests(AppHostFixture fixture)
{
    [Fact]
    public async Task A_secret_is_sealed_in_the_record_and_the_wal_and_the_worker_runs_with_it_in_clear()
    {
        var user = await Tenants.CreateUserAsync(fixture.App);
        var secret = NewSecret();
        var parameters = new { duration_ms = 0, secret };

        var jobId = (await Tenants.ReadAsync(await user.Http.SubmitAsync(parameters, idempotencyKey: "with-a-secret"))).GetProperty("job_id").GetGuid();

        var stored = await JobsDatabase.ScalarAsync<string>(fixture.App, "SELECT parameters::text FROM jobs WHERE id = $1", jobId);
        Assert.DoesNotContain(secret, stored);
        var sealedValue = await JobsDatabase.ScalarAsync<string>(fixture.App, "SELECT parameters->'secret'->>'$sealed' FROM jobs WHERE id = $1", jobId);
        Assert.False(string.IsNullOrEmpty(sealedValue));
        // The WAL holds the row as inserted: its sealed value shows it is there (written within the WAL writer's
        // delay, commits being asynchronous in tests), and the clear value must not be.
        await Eventually.ReturnsAsync(() => WalContainsAsync(sealedValue), found => found, TimeSpan.FromSeconds(10), "the job's row in the WAL");
        Assert.False(await WalContainsAsync(secret));

        var done = await user.Http.WaitForStatusAsync(jobId, "completed");
        Assert.Equal(Sha256(secret), done.GetProperty("result").GetProperty("secret_sha256").GetString());

        // Idempotency still compares the request as sent, secret included.
        var replay = await Tenants.ReadAsync(await user.Http.SubmitAsync(parameters, idempotencyKey: "with-a-secret"));
        Assert.Equal(jobId, replay.GetProperty("job_id").GetGuid());
        var otherSecret = await user.Http.SubmitAsync(new { duration_ms = 0, secret = NewSecret() }, idempotencyKey: "with-a-secret");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, otherSecret.StatusCode);
    }

    [Fact]
    public async Task A_secret_is_shown_by_no_response_event_or_log()
    {
        var user = await Tenants.CreateUserAsync(fixture.App);
        var secret = NewSecret();
        var completedId = await user.Http.SubmitJobAsync(new { duration_ms = 0, secret });
        var deadId = await user.Http.SubmitJobAsync(new { fail_attempts = 100, secret });
        await user.Http.WaitForStatusAsync(completedId, "completed");
        await user.Http.WaitForStatusAsync(deadId, "failed");
        using var admin = Tenants.Operator(fixture.App);

        (string Body, Guid Shows)[] responses =
        [
            (await user.Http.GetStringAsync($"/api/v1/jobs/{completedId}/status"), completedId),
            (await user.Http.GetStringAsync("/api/v1/jobs"), deadId),
            (await user.Http.GetStringAsync($"/api/v1/jobs/{completedId}/events"), completedId), // SSE: current state, then the end
            (await admin.GetStringAsync("/api/v1/admin/dead-letters"), deadId),
        ];

        Assert.All(responses, response =>
        {
            Assert.Contains(response.Shows.ToString(), response.Body);
            Assert.DoesNotContain(secret, response.Body);
        });
        // Every failed attempt of the dead job was logged by a worker: the logs are complete up to there.
        await Eventually.ReturnsAsync(async () => (await ReadLogsAsync()).Contains($"Attempt 4 of job {deadId} failed"), logged => logged,
            TimeSpan.FromSeconds(10), "the last failed attempt in the logs");
        Assert.DoesNotContain(secret, await ReadLogsAsync());
    }

    [Fact]
    public async Task Jobs_accepted_by_either_api_replica_are_opened_by_either_worker_replica()
    {
        var user = await Tenants.CreateUserAsync(fixture.App);
        var urls = fixture.App.HttpUrls("api");
        Assert.Equal(2, urls.Count);
        using var firstApi = new HttpClient { BaseAddress = new Uri(urls[0]), DefaultRequestHeaders = { Authorization = user.Http.DefaultRequestHeaders.Authorization } };
        using var secondApi = new HttpClient { BaseAddress = new Uri(urls[1]), DefaultRequestHeaders = { Authorization = user.Http.DefaultRequestHeaders.Authorization } };
        var workerProcesses = new HashSet<int>();

        // RabbitMQ hands a queue's messages to its consumers in turn: a few rounds reach both worker replicas.
        for (var round = 0; round < 5 && workerProcesses.Count < 2; round++)
        {
            var jobs = new List<(Guid Id, string Secret)>();
            foreach (var api in new[] { firstApi, secondApi })
            {
                for (var i = 0; i < 2; i++)
                {
                    var secret = NewSecret();
                    jobs.Add((await api.SubmitJobAsync(new { duration_ms = 200, secret }), secret));
                }
            }

            foreach (var (id, secret) in jobs)
            {
                var result = (await user.Http.WaitForStatusAsync(id, "completed")).GetProperty("result");
                Assert.Equal(Sha256(secret), result.GetProperty("secret_sha256").GetString());
                workerProcesses.Add(result.GetProperty("worker_process_id").GetInt32());
            }
        }

        Assert.Equal(2, workerProcesses.Count);
    }

    private static string NewSecret() => $"EAAB{Guid.NewGuid():N}";

    private static string Sha256(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    /// <summary>Whether a WAL segment written to in the last minutes holds the value (read by the server: its files are the server's).</summary>
    private Task<bool> WalContainsAsync(string value) =>
        JobsDatabase.ScalarAsync<bool>(fixture.App, """
            SELECT coalesce(bool_or(position($1::bytea IN pg_read_binary_file('pg_wal/' || name)) > 0), false)
            FROM pg_ls_waldir() WHERE name ~ '^[0-9A-F]{24}$' AND modification > now() - interval '5 minutes'
            """, Encoding.UTF8.GetBytes(value));

    /// <summary>Every service's and server's log (the AppHost keeps them open for appending).</summary>
    private async Task<string> ReadLogsAsync()
    {
        var all = new StringBuilder();
        foreach (var file in Directory.GetFiles(Path.Combine(fixture.App.Options.DataDirectory, "logs"), "*.log"))
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            all.Append(await new StreamReader(stream).ReadToEndAsync());
        }

        return all.ToString();
    }
}
