using System.Net.Http.Headers;
using System.Text.Json;
using JobPlatform.Hosting;
using JobPlatform.Testing;

namespace JobPlatform.Tests.Infrastructure;

/// <summary>A tenant's user with an API client, created through the admin API as an operator would.</summary>
public sealed record TestUser(Guid TenantId, Guid UserId, HttpClient Http);

public static class Tenants
{
    public static HttpClient Operator(DistributedApplication app) => Authorized(app, app.GetParameterValue("operator-api-key"));

    public static async Task<TestUser> CreateUserAsync(DistributedApplication app, string tier = "enterprise", long credits = 1000)
    {
        using var admin = Operator(app);
        var user = await TenantProvisioning.CreateUserAsync(admin, $"tenant-{Guid.NewGuid():N}", tier, credits);
        return new TestUser(user.TenantId, user.UserId, Authorized(app, user.ApiKey));
    }

    public static async Task<long> CreditsAsync(DistributedApplication app, Guid tenantId)
    {
        using var admin = Operator(app);
        return (await ReadAsync(await admin.GetAsync($"/api/v1/admin/tenants/{tenantId}"))).GetProperty("credits").GetInt64();
    }

    public static Task<JsonElement> ReadAsync(HttpResponseMessage response) => TenantProvisioning.ReadSuccessAsync(response);

    private static HttpClient Authorized(DistributedApplication app, string key)
    {
        var http = app.CreateHttpClient("api");
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return http;
    }
}
