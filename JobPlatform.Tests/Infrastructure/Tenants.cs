using System.Net.Http.Headers;
using System.Text.Json;
using JobPlatform.Hosting;
using JobPlatform.Testing;
using JobPlatform.Tests.Functional;

namespace JobPlatform.Tests.Infrastructure;

/// <summary>A tenant's user with an API client, created through the admin API as an operator would.</summary>
public sealed record TestUser(Guid TenantId, Guid UserId, HttpClient Http);

/// <summary>
/// Tenants and users, created as an operator creates them, on either API the tests call: a replica of the topology
/// (<see cref="DistributedApplication"/>) or the API hosted in-process (<see cref="JobsApiFixture"/>). Both take the
/// AppHost's operator key; clients of a user of one work on the other, the database being the same.
/// </summary>
public static class Tenants
{
    public static HttpClient Operator(DistributedApplication app) => Authorized(Replica(app), OperatorKey(app));

    public static HttpClient Operator(JobsApiFixture api) => Authorized(api.CreateClient(), api.OperatorKey);

    public static Task<TestUser> CreateUserAsync(DistributedApplication app, string tier = "enterprise", long credits = 1000) =>
        CreateUserAsync(() => Replica(app), OperatorKey(app), tier, credits);

    public static Task<TestUser> CreateUserAsync(JobsApiFixture api, string tier = "enterprise", long credits = 1000) =>
        CreateUserAsync(api.CreateClient, api.OperatorKey, tier, credits);

    public static async Task<long> CreditsAsync(DistributedApplication app, Guid tenantId)
    {
        using var admin = Operator(app);
        return await CreditsAsync(admin, tenantId);
    }

    public static async Task<long> CreditsAsync(JobsApiFixture api, Guid tenantId)
    {
        using var admin = Operator(api);
        return await CreditsAsync(admin, tenantId);
    }

    public static Task<JsonElement> ReadAsync(HttpResponseMessage response) => TenantProvisioning.ReadSuccessAsync(response);

    private static async Task<TestUser> CreateUserAsync(Func<HttpClient> connect, string operatorKey, string tier, long credits)
    {
        using var admin = Authorized(connect(), operatorKey);
        var user = await TenantProvisioning.CreateUserAsync(admin, $"tenant-{Guid.NewGuid():N}", tier, credits);
        return new TestUser(user.TenantId, user.UserId, Authorized(connect(), user.ApiKey));
    }

    private static async Task<long> CreditsAsync(HttpClient admin, Guid tenantId) =>
        (await ReadAsync(await admin.GetAsync($"/api/v1/admin/tenants/{tenantId}"))).GetProperty("credits").GetInt64();

    private static HttpClient Replica(DistributedApplication app) => app.CreateHttpClient("api");

    private static string OperatorKey(DistributedApplication app) => app.GetParameterValue("operator-api-key");

    private static HttpClient Authorized(HttpClient http, string key)
    {
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return http;
    }
}
