using System.Net.Http.Json;
using System.Text.Json;

namespace JobPlatform.Testing;

/// <summary>Tenants and users created as an operator creates them: through the admin API, with the operator key.</summary>
public static class TenantProvisioning
{
    public static async Task<ProvisionedUser> CreateUserAsync(HttpClient operatorClient, string tenantName, string tier, long credits)
    {
        var tenant = await ReadSuccessAsync(await operatorClient.PostAsJsonAsync("/api/v1/admin/tenants", new { name = tenantName, tier, credits }));
        var tenantId = tenant.GetProperty("tenant_id").GetGuid();
        var user = await ReadSuccessAsync(await operatorClient.PostAsJsonAsync($"/api/v1/admin/tenants/{tenantId}/users", new { name = "user" }));
        return new ProvisionedUser(tenantId, user.GetProperty("user_id").GetGuid(), user.GetProperty("api_key").GetString()!);
    }

    /// <summary>The body of a 2xx answer; any other answer throws with its status and body, which say what went wrong.</summary>
    public static async Task<JsonElement> ReadSuccessAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode
            ? JsonDocument.Parse(body).RootElement.Clone()
            : throw new InvalidOperationException($"{(int)response.StatusCode} {body}");
    }
}
