using System.Net;
using System.Net.Http.Json;
using System.Text;
using JobPlatform.Tests.Infrastructure;

namespace JobPlatform.Tests.Functional;

/// <summary>
/// The job API's HTTP behaviour: keys, ownership, validation, idempotency, listing. Jobs these tests submit are run by
/// the suite's workers, but no test waits for that: what runs them is tested through the topology (<c>Jobs/*</c>).
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class JobsApiTests(JobsApiFixture api) : IClassFixture<JobsApiFixture>
{
    [Fact]
    public async Task Every_endpoint_but_health_needs_a_valid_key()
    {
        using var anonymous = api.CreateClient();
        using var wrongKey = api.CreateClient();
        wrongKey.DefaultRequestHeaders.Authorization = new("Bearer", "jp_not-a-key");

        foreach (var http in new[] { anonymous, wrongKey })
        {
            var response = await http.GetAsync("/api/v1/jobs");
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsJsonAsync("/api/v1/jobs", new { job_type = "diagnostic", parameters = new { } })).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsJsonAsync("/api/v1/admin/tenants", new { name = "x", tier = "free" })).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/alive")).StatusCode);
        var user = await Tenants.CreateUserAsync(api);
        Assert.Equal(HttpStatusCode.Forbidden, (await user.Http.PostAsJsonAsync("/api/v1/admin/tenants", new { name = "x", tier = "free" })).StatusCode);
    }

    [Fact]
    public async Task Another_users_job_is_404_on_every_endpoint()
    {
        var owner = await Tenants.CreateUserAsync(api);
        var stranger = await Tenants.CreateUserAsync(api);
        var jobId = await owner.Http.SubmitJobAsync(new { duration_ms = 5000 });

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Http.GetAsync($"/api/v1/jobs/{jobId}/status")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Http.DeleteAsync($"/api/v1/jobs/{jobId}")).StatusCode);
        var list = await Tenants.ReadAsync(await stranger.Http.GetAsync("/api/v1/jobs"));
        Assert.Empty(list.GetProperty("jobs").EnumerateArray());
        Assert.NotEqual("cancelled", (await owner.Http.StatusAsync(jobId)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Concurrent_status_reads_each_get_their_own_job_and_never_another_users()
    {
        // Running jobs are read from PostgreSQL, and concurrent reads share one statement: a read must still get
        // its own job, and a read of another user's job in the same batch a 404.
        var first = await Tenants.CreateUserAsync(api);
        var second = await Tenants.CreateUserAsync(api);
        var jobs = new List<(TestUser Owner, Guid JobId)>();
        foreach (var owner in new[] { first, second })
        {
            for (var i = 0; i < 10; i++)
            {
                jobs.Add((owner, await owner.Http.SubmitJobAsync(new { duration_ms = 2000 })));
            }
        }

        var reads = jobs.SelectMany(job => new[]
        {
            (Reader: job.Owner, job.JobId, Expected: HttpStatusCode.OK),
            (Reader: job.Owner == first ? second : first, job.JobId, Expected: HttpStatusCode.NotFound),
        }).ToList();
        var responses = await Task.WhenAll(reads.Select(read => read.Reader.Http.GetAsync($"/api/v1/jobs/{read.JobId}/status")));

        foreach (var (read, response) in reads.Zip(responses))
        {
            Assert.Equal(read.Expected, response.StatusCode);
            if (read.Expected == HttpStatusCode.OK)
            {
                Assert.Equal(read.JobId, (await Tenants.ReadAsync(response)).GetProperty("job_id").GetGuid());
            }
        }
    }

    [Theory]
    [InlineData("""{"job_type":"nope","parameters":{}}""", "job_type must be one of")]
    [InlineData("""{"job_type":"diagnostic","priority":"urgent","parameters":{}}""", "priority must be one of")]
    [InlineData("""{"job_type":"diagnostic","parameters":[1]}""", "parameters must be a JSON object")]
    [InlineData("""{"job_type":"diagnostic"}""", "parameters must be a JSON object")]
    [InlineData("""{"job_type":"diagnostic","parameters":{"duration_ms":-5}}""", "parameters.duration_ms must be an integer from 0")]
    [InlineData("""{"job_type":"diagnostic","parameters":""", "")]
    public async Task Bad_input_is_a_400_problem_that_says_what_is_wrong_and_records_nothing(string body, string message)
    {
        var user = await Tenants.CreateUserAsync(api);

        var response = await user.Http.PostAsync("/api/v1/jobs", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(message, await response.Content.ReadAsStringAsync());
        var list = await Tenants.ReadAsync(await user.Http.GetAsync("/api/v1/jobs"));
        Assert.Empty(list.GetProperty("jobs").EnumerateArray());
        Assert.Equal(1000, await Tenants.CreditsAsync(api, user.TenantId));
    }

    [Fact]
    public async Task The_same_idempotency_key_returns_the_same_job_and_rejects_another_body()
    {
        var user = await Tenants.CreateUserAsync(api);

        var first = await Tenants.ReadAsync(await user.Http.SubmitAsync(new { duration_ms = 10 }, idempotencyKey: "order-42"));
        var again = await Tenants.ReadAsync(await user.Http.SubmitAsync(new { duration_ms = 10 }, idempotencyKey: "order-42"));
        var other = await user.Http.SubmitAsync(new { duration_ms = 20 }, idempotencyKey: "order-42");

        Assert.Equal(first.GetProperty("job_id").GetGuid(), again.GetProperty("job_id").GetGuid());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        Assert.Contains("order-42", await other.Content.ReadAsStringAsync());
        Assert.Equal(999, await Tenants.CreditsAsync(api, user.TenantId));
    }

    [Fact]
    public async Task The_job_list_is_newest_first_filtered_and_paged_by_cursor()
    {
        var user = await Tenants.CreateUserAsync(api);
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await user.Http.SubmitJobAsync(new { duration_ms = 0 }));
        }

        var seen = new List<Guid>();
        string? cursor = null;
        do
        {
            var page = await Tenants.ReadAsync(await user.Http.GetAsync($"/api/v1/jobs?job_type=diagnostic&limit=2{(cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}")}"));
            seen.AddRange(page.GetProperty("jobs").EnumerateArray().Select(j => j.GetProperty("job_id").GetGuid()));
            cursor = page.GetProperty("next_cursor").GetString();
        }
        while (cursor is not null);

        Assert.Equal(Enumerable.Reverse(ids), seen);
        Assert.Equal(HttpStatusCode.BadRequest, (await user.Http.GetAsync("/api/v1/jobs?status=pending")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await user.Http.GetAsync("/api/v1/jobs?cursor=garbage")).StatusCode);
    }
}
