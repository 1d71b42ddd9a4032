using System.Net.Http.Json;
using System.Text.Json;

namespace JobPlatform.Tests.ProviderSandbox;

/// <summary>The sandbox's control API as the tests use it: inject a fault, read the call counts.</summary>
public static class SandboxControl
{
    public static async Task InjectAsync(this HttpClient client, object fault)
    {
        using var response = await client.PostAsJsonAsync("/_sandbox/faults", fault);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
    }

    public static async Task<long> CallsAsync(this HttpClient client, string provider, string operation)
    {
        using var calls = JsonDocument.Parse(await client.GetStringAsync("/_sandbox/calls"));
        return calls.RootElement.GetProperty(provider).GetProperty(operation).GetInt64();
    }
}
