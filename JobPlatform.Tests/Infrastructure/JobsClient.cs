using System.Net.Http.Json;
using System.Text.Json;

namespace JobPlatform.Tests.Infrastructure;

/// <summary>The calls tests make to the job API.</summary>
public static class JobsClient
{
    public static Task<HttpResponseMessage> SubmitAsync(this HttpClient http, object parameters, string priority = "normal", string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/jobs")
        {
            Content = JsonContent.Create(new { job_type = "diagnostic", priority, parameters }),
        };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return http.SendAsync(request);
    }

    public static async Task<Guid> SubmitJobAsync(this HttpClient http, object parameters, string priority = "normal") =>
        (await Tenants.ReadAsync(await http.SubmitAsync(parameters, priority))).GetProperty("job_id").GetGuid();

    public static async Task<JsonElement> StatusAsync(this HttpClient http, Guid jobId) =>
        await Tenants.ReadAsync(await http.GetAsync($"/api/v1/jobs/{jobId}/status"));

    public static Task<JsonElement> WaitForStatusAsync(this HttpClient http, Guid jobId, string status, TimeSpan? timeout = null) =>
        Eventually.ReturnsAsync(() => http.StatusAsync(jobId), s => s.GetProperty("status").GetString() == status,
            timeout ?? TimeSpan.FromSeconds(30), $"job {jobId} to be {status}");
}
