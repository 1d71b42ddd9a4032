using System.Text;
using System.Text.Json;
using JobPlatform.Tests.Infrastructure;

namespace JobPlatform.Tests.Api;

/// <summary>
/// A body over its endpoint's size is refused by the server while it is read (Kestrel enforces the limit the endpoint
/// declares), with a problem that says the size, and nothing is recorded. Through a replica of the topology: the test
/// server that hosts the API in-process (<c>Functional/*</c>) enforces no body size.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class BodySizeTests(AppHostFixture fixture)
{
    [Fact]
    public async Task A_job_body_over_256_KiB_is_a_413_problem_and_records_nothing()
    {
        var user = await Tenants.CreateUserAsync(fixture.App);
        var body = new ByteArrayContent(Encoding.UTF8.GetBytes($$$"""{"job_type":"diagnostic","parameters":{"x":"{{{new string('a', 300_000)}}}"}}"""));
        body.Headers.ContentType = new("application/json");

        var response = await user.Http.PostAsync("/api/v1/jobs", body);

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(413 == (int)response.StatusCode, $"{(int)response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("256 KiB", JsonDocument.Parse(text).RootElement.GetProperty("detail").GetString());
        Assert.Equal(0L, await JobsDatabase.ScalarAsync<long>(fixture.App, "SELECT count(*) FROM jobs WHERE user_id = $1", user.UserId));
    }
}
