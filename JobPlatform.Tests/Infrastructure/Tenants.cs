using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using JobPlatform.Hosting;

namespace JobPlatform.Tests.Infrastructure;

/// <summary>A tenant's user with an API client, created through the admin API as an operator would.</summary>
public sealed record TestUser(Guid TenantId, Guid UserId, HttpClient Http);

public static class Tenants
{
    public static HttpClient Operator(DistributedApplication app) => Authorized(app, app.GetParameterValue("operator-api-key"));

    public static async Task<TestUser> CreateUserAsync(DistributedApplication app, string tier = "enterprise", long credits = 1000)
    {
        using var admin = Operator(app);
        var tenant = await ReadAsync(await admin.PostAsJsonAsync("/api/v1/admin/tenants", new { name = $"tenant-{Guid.NewGuid():N}", tier, credits }));
        var tenantId = tenant.GetProperty("tenant_id").GetGuid();
        var user = await ReadAsync(await admin.PostAsJsonAsync($"/api/v1/admin/tenants/{tenantId}/users", new { name = "user" }));
        return new TestUser(tenantId, user.GetProperty("user_id").GetGuid(), Authorized(app, user.GetProperty("api_key").GetString()!));
    }

    public static async Task<long> CreditsAsync(DistributedApplication app, Guid tenantId)
    {
        using var admin = Operator(app);
        return (await ReadAsync(await admin.GetAsync($"/api/v1/admin/tenants/{tenantId}"))).GetProperty("credits").GetInt64();
    }

    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static HttpClient Authorized(DistributedApplication app, string key)
    {
        var http = app.CreateHttpClient("api");
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return http;
    }
}
