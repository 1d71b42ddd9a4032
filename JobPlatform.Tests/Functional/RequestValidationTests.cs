using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using JobPlatform.Tests.Infrastructure;

namespace JobPlatform.Tests.Functional;

/// <summary>
/// Every class of unreadable or unstorable input answers its sender a 4xx problem that names the field and the
/// problem: never a 500, never a 503 that blames the database, and nothing is recorded. But one: a body over its
/// endpoint's size is refused by Kestrel while it is read, and the test server enforces no size; that class is tested
/// through the topology (<c>Api/BodySizeTests</c>).
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class RequestValidationTests(JobsApiFixture api) : IClassFixture<JobsApiFixture>
{
    private const string Jobs = "/api/v1/jobs";
    private const string Tenants = "/api/v1/admin/tenants";
    private static readonly string DeepParameters = new string('[', 40) + new string(']', 40);

    public static TheoryData<string, string, string, string?, string?, int, string> Cases => new()
    {
        // name, method, path, content type, body, expected status, a fragment the problem's detail must hold
        { "malformed JSON", "POST", Jobs, "application/json", """{"job_""", 400, "could not be read" },
        { "job_type of the wrong type", "POST", Jobs, "application/json", """{"job_type":1,"parameters":{}}""", 400, "$.job_type" },
        { "priority of the wrong type", "POST", Jobs, "application/json", """{"job_type":"diagnostic","priority":[1],"parameters":{}}""", 400, "$.priority" },
        { "handler parameter as a string", "POST", Jobs, "application/json", """{"job_type":"diagnostic","parameters":{"duration_ms":"10"}}""", 400, "parameters.duration_ms" },
        { "handler parameter as true", "POST", Jobs, "application/json", """{"job_type":"diagnostic","parameters":{"duration_ms":true}}""", 400, "parameters.duration_ms" },
        { "handler parameter as null", "POST", Jobs, "application/json", """{"job_type":"diagnostic","parameters":{"duration_ms":null}}""", 400, "parameters.duration_ms" },
        { "nesting too deep", "POST", Jobs, "application/json", $$$"""{"job_type":"diagnostic","parameters":{"a":{{{DeepParameters}}}}}""", 400, "depth" },
        { "a repeated property", "POST", Jobs, "application/json", """{"job_type":"diagnostic","parameters":{"duration_ms":1,"duration_ms":"x"}}""", 400, "$.parameters" },
        { "no content type", "POST", Jobs, null, """{"job_type":"diagnostic","parameters":{}}""", 415, "JSON media type" },
        { "odd content type", "POST", Jobs, "application/json;;", """{"job_type":"diagnostic","parameters":{}}""", 415, "application/json;;" },
        { "unknown charset", "POST", Jobs, "application/json; charset=nope", """{"job_type":"diagnostic","parameters":{}}""", 415, "charset 'nope'" },
        { "no body", "POST", Jobs, "application/json", null, 400, "no body" },
        { "NUL in a parameter", "POST", Jobs, "application/json", """{"job_type":"diagnostic","parameters":{"x":"a\u0000b"}}""", 400, "parameters.x contains a NUL" },
        { "lone surrogate in a parameter", "POST", Jobs, "application/json", """{"job_type":"diagnostic","parameters":{"x":["\ud800"]}}""", 400, "parameters.x[0] is not valid" },
        { "number beyond storage", "POST", Jobs, "application/json", """{"job_type":"diagnostic","parameters":{"x":1e1000000}}""", 400, "parameters.x is a number" },
        { "string too long", "POST", Jobs, "application/json", $$$"""{"job_type":"diagnostic","parameters":{"x":"{{{new string('a', 10_001)}}}"}}""", 400, "longer than 10000" },
        { "limit not a number", "GET", $"{Jobs}?limit=abc", null, null, 400, "limit" },
        { "limit overflowing", "GET", $"{Jobs}?limit=2147483648", null, null, 400, "limit" },
        { "NUL as a job_type filter", "GET", $"{Jobs}?job_type=%00", null, null, 400, "job_type must be one of" },
        { "a type only jobs start", "POST", Jobs, "application/json", """{"job_type":"post_analysis","parameters":{"username":"natgeo","post_ids":["1"]}}""", 400, "job_type must be one of: content_analysis, diagnostic, profile_analysis." },
        { "cursor of negative time", "GET", $"{Jobs}?cursor={Cursor("-5")}", null, null, 400, "cursor" },
        { "cursor beyond time", "GET", $"{Jobs}?cursor={Cursor(long.MaxValue.ToString(CultureInfo.InvariantCulture))}", null, null, 400, "cursor" },
        { "admin name of the wrong type", "POST", Tenants, "application/json", """{"name":{},"tier":"free"}""", 400, "$.name" },
        { "admin name with NUL", "POST", Tenants, "application/json", """{"name":"a\u0000","tier":"free"}""", 400, "name contains a NUL" },
        { "admin name too long", "POST", Tenants, "application/json", $$"""{"name":"{{new string('n', 201)}}","tier":"free"}""", 400, "longer than 200" },
        { "admin credits beyond bounds", "POST", Tenants, "application/json", """{"name":"t","tier":"free","credits":9223372036854775807}""", 400, "credits" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_input_is_a_4xx_problem_naming_what_is_wrong(string name, string method, string path, string? contentType, string? body,
        int expectedStatus, string expectedDetail)
    {
        var user = await Infrastructure.Tenants.CreateUserAsync(api);
        using var admin = Infrastructure.Tenants.Operator(api);
        var client = path.StartsWith(Tenants, StringComparison.Ordinal) ? admin : user.Http;

        var response = await client.SendAsync(Request(method, path, contentType, body is null ? null : Encoding.UTF8.GetBytes(body)));

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expectedStatus == (int)response.StatusCode, $"{name}: {(int)response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(expectedDetail, JsonDocument.Parse(text).RootElement.GetProperty("detail").GetString());
        Assert.Equal(0L, await JobsDatabase.ScalarAsync<long>(api.Topology, "SELECT count(*) FROM jobs WHERE user_id = $1", user.UserId));
    }

    [Fact]
    public async Task Invalid_utf8_in_a_body_is_a_400_naming_the_field()
    {
        var user = await Infrastructure.Tenants.CreateUserAsync(api);
        byte[] body = [.. """{"job_type":"diagnostic","parameters":{"a":" """u8.ToArray()[..^1], 0xFF, 0xFE, .. "\"}}"u8.ToArray()];

        var response = await user.Http.SendAsync(Request("POST", Jobs, "application/json", body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("parameters.a is not valid UTF-8", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_results_page_far_past_the_end_is_empty_not_an_overflow()
    {
        var user = await Infrastructure.Tenants.CreateUserAsync(api);
        var jobId = await user.Http.SubmitJobAsync(new { result_rows = 5 });
        await user.Http.WaitForStatusAsync(jobId, "completed");

        var page = await Infrastructure.Tenants.ReadAsync(await user.Http.GetAsync($"{Jobs}/{jobId}/results?page={int.MaxValue}&page_size=1000"));

        Assert.Equal(5, page.GetProperty("total_rows").GetInt32());
        Assert.Equal(0, page.GetProperty("rows").GetArrayLength());
    }

    private static HttpRequestMessage Request(string method, string path, string? contentType, byte[]? body)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            if (contentType is not null)
            {
                // Added unvalidated: the odd media types are the point of some cases.
                request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }
        }

        return request;
    }

    private static string Cursor(string ticks) =>
        Uri.EscapeDataString(Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ticks}:{Guid.Empty}")));
}
