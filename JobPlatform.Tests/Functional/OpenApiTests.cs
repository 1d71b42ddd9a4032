using System.Net;
using System.Text.Json;
using JobPlatform.Tests.Infrastructure;

namespace JobPlatform.Tests.Functional;

/// <summary>
/// The API description (<c>/openapi/v1.json</c>) and its reference page (<c>/scalar/</c>) are open without a key and
/// describe every route the API maps: a name, a summary, the key it needs, and bodies as the API really sends them.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class OpenApiTests(JobsApiFixture api) : IClassFixture<JobsApiFixture>
{
    private const string DescriptionPath = "/openapi/v1.json";

    /// <summary>Every route the API maps, as the description names it; the health probes are not part of the API.</summary>
    private static readonly string[] Operations =
    [
        "POST /api/v1/jobs",
        "GET /api/v1/jobs",
        "GET /api/v1/jobs/{jobId}/status",
        "GET /api/v1/jobs/{jobId}/results",
        "GET /api/v1/jobs/{jobId}/events",
        "DELETE /api/v1/jobs/{jobId}",
        "GET /ws/jobs/{jobId}",
        "GET /api/v1/instagram/profile/{username}",
        "GET /api/v1/instagram/posts/{username}",
        "POST /api/v1/analytics/profile/{username}",
        "POST /api/v1/admin/tenants",
        "GET /api/v1/admin/tenants/{tenantId}",
        "POST /api/v1/admin/tenants/{tenantId}/users",
        "GET /api/v1/admin/dead-letters",
        "POST /api/v1/admin/dead-letters/{jobId}/redrive",
    ];

    [Fact]
    public async Task The_description_is_open_without_a_key_while_the_api_is_not()
    {
        using var anonymous = api.CreateClient();
        using var wrongKey = api.CreateClient();
        wrongKey.DefaultRequestHeaders.Authorization = new("Bearer", "jp_not-a-key");

        foreach (var http in new[] { anonymous, wrongKey })
        {
            var response = await http.GetAsync(DescriptionPath);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.StartsWith("3.", document.RootElement.GetProperty("openapi").GetString());
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/jobs")).StatusCode);
    }

    [Fact]
    public async Task Every_route_is_described_with_a_name_and_a_summary()
    {
        var document = await ReadDescriptionAsync();

        var operations = OperationsOf(document).ToList();

        Assert.Equal(Operations.Order(), operations.Select(o => o.Route).Order());
        foreach (var (route, operation) in operations)
        {
            Assert.False(string.IsNullOrWhiteSpace(operation.TryGetProperty("operationId", out var id) ? id.GetString() : null), $"{route} has no operationId");
            Assert.False(string.IsNullOrWhiteSpace(operation.TryGetProperty("summary", out var summary) ? summary.GetString() : null), $"{route} has no summary");
        }

        var ids = operations.Select(o => o.Operation.GetProperty("operationId").GetString()).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public async Task Every_operation_requires_the_api_key_as_a_bearer_token()
    {
        var document = await ReadDescriptionAsync();

        var schemes = document.GetProperty("components").GetProperty("securitySchemes").EnumerateObject().ToList();
        var bearer = Assert.Single(schemes, s => s.Value.GetProperty("type").GetString() == "http");
        Assert.Equal("bearer", bearer.Value.GetProperty("scheme").GetString(), ignoreCase: true);
        foreach (var (route, operation) in OperationsOf(document))
        {
            Assert.True(operation.TryGetProperty("security", out var security), $"{route} declares no security");
            Assert.Contains(security.EnumerateArray(), requirement => requirement.TryGetProperty(bearer.Name, out _));
            Assert.True(operation.GetProperty("responses").TryGetProperty("401", out _), $"{route} does not declare its 401");
        }
    }

    [Fact]
    public async Task Job_submission_declares_its_bodies_in_snake_case_as_the_api_sends_them()
    {
        var document = await ReadDescriptionAsync();
        var submit = document.GetProperty("paths").GetProperty("/api/v1/jobs").GetProperty("post");

        var accepted = Resolve(document, submit.GetProperty("responses").GetProperty("202").GetProperty("content").GetProperty("application/json").GetProperty("schema"));
        var request = Resolve(document, submit.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema"));

        var acceptedProperties = accepted.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("job_id", acceptedProperties);
        Assert.Contains("polling_url", acceptedProperties);
        Assert.DoesNotContain("jobId", acceptedProperties);
        Assert.Contains("job_type", request.GetProperty("properties").EnumerateObject().Select(p => p.Name));
        foreach (var status in new[] { "400", "402", "413", "415", "422", "429", "503" })
        {
            Assert.True(submit.GetProperty("responses").TryGetProperty(status, out var problem), $"the job POST does not declare its {status}");
            Assert.True(problem.GetProperty("content").TryGetProperty("application/problem+json", out _));
        }
    }

    [Fact]
    public async Task The_reference_page_is_open_without_a_key()
    {
        using var anonymous = api.CreateClient();

        var response = await anonymous.GetAsync("/scalar/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(DescriptionPath.TrimStart('/'), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Reading_the_description_costs_a_key_none_of_its_request_rate()
    {
        var user = await Tenants.CreateUserAsync(api, tier: AppHostFixture.ThrottledTier);

        for (var i = 0; i < AppHostFixture.ThrottledRequestBurst * 2; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await user.Http.GetAsync(DescriptionPath)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await user.Http.GetAsync("/api/v1/jobs")).StatusCode);
    }

    private async Task<JsonElement> ReadDescriptionAsync()
    {
        using var anonymous = api.CreateClient();
        return await Tenants.ReadAsync(await anonymous.GetAsync(DescriptionPath));
    }

    private static IEnumerable<(string Route, JsonElement Operation)> OperationsOf(JsonElement document) =>
        from path in document.GetProperty("paths").EnumerateObject()
        from operation in path.Value.EnumerateObject()
        where operation.Name is not ("parameters" or "summary" or "description" or "servers")
        select ($"{operation.Name.ToUpperInvariant()} {path.Name}", operation.Value);

    /// <summary>A schema, or the component a <c>$ref</c> names.</summary>
    private static JsonElement Resolve(JsonElement document, JsonElement schema) =>
        schema.TryGetProperty("$ref", out var reference)
            ? document.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!.Split('/')[^1])
            : schema;
}
