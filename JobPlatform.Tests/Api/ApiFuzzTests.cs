using System.Globalization;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CsCheck;
using JobPlatform.Tests.Infrastructure;
using Xunit.Abstractions;

namespace JobPlatform.Tests.Api;

/// <summary>
/// Generated requests on every endpoint (paths, ids, query values, headers, bodies: malformed, mistyped, unstorable,
/// oversized) never get a 5xx, and a valid job of another tenant sent alongside is accepted and runs: bad input costs
/// its sender a 4xx and nobody else anything.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class ApiFuzzTests(AppHostFixture fixture, ITestOutputHelper output)
{
    private const int Requests = 3000;

    [Fact]
    public async Task Generated_requests_on_every_endpoint_get_no_5xx_and_cost_another_tenant_nothing()
    {
        var app = fixture.App;
        // A free tenant: its few valid jobs are bounded by its tier, so the fuzz cannot crowd the canary's lane.
        var fuzzed = await Tenants.CreateUserAsync(app, tier: "free");
        var canary = await Tenants.CreateUserAsync(app);
        var ownJob = await fuzzed.Http.SubmitJobAsync(new { duration_ms = 0 });
        var credentials = new Dictionary<Caller, string?>
        {
            [Caller.User] = fuzzed.Http.DefaultRequestHeaders.Authorization!.Parameter,
            [Caller.Operator] = app.GetParameterValue("operator-api-key"),
            [Caller.Anonymous] = null,
            [Caller.UnknownKey] = "jp_not-a-key",
        };
        // From an address of its own, so that the unknown keys it sends spend no other test's lookup budget; header
        // values go out as UTF-8, not refused by the client: a header the server must reject is part of the fuzz.
        using var http = LoopbackClients.From(IPAddress.Parse("127.0.0.3"), app.CreateHttpClient("api").BaseAddress!.ToString(),
            headerEncoding: Encoding.UTF8);
        http.Timeout = TimeSpan.FromSeconds(30);

        var serverErrors = new ConcurrentQueue<string>();
        var statuses = new ConcurrentDictionary<int, int>();
        using var stop = new CancellationTokenSource();
        var canaryJobs = SendCanaryJobsAsync(canary.Http, stop.Token);
        await FuzzRequest(ownJob.ToString()).SampleAsync(async request =>
        {
            using var message = request.ToMessage(credentials[request.Caller]);
            // Headers only: a live-update stream of a running job would otherwise hold the request open.
            using var response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead);
            statuses.AddOrUpdate((int)response.StatusCode, 1, (_, count) => count + 1);
            if ((int)response.StatusCode >= 500)
            {
                serverErrors.Enqueue($"{(int)response.StatusCode} {request} -> {await response.Content.ReadAsStringAsync()}");
            }
        }, iter: Requests, threads: 4);
        await stop.CancelAsync();
        var accepted = await canaryJobs;

        output.WriteLine($"{statuses.Values.Sum()} generated requests, {serverErrors.Count} answered 5xx; canary: {accepted.Count} jobs accepted.");
        output.WriteLine("By status: " + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}")));
        Assert.True(serverErrors.IsEmpty, string.Join("\n", serverErrors.Take(10)));
        Assert.NotEmpty(accepted);
        foreach (var jobId in accepted)
        {
            await canary.Http.WaitForStatusAsync(jobId, "completed");
        }
    }

    /// <summary>A valid job every few milliseconds while the fuzz runs; each must be accepted.</summary>
    private static async Task<List<Guid>> SendCanaryJobsAsync(HttpClient canary, CancellationToken stop)
    {
        var accepted = new List<Guid>();
        while (!stop.IsCancellationRequested && accepted.Count < 200)
        {
            var response = await canary.SubmitAsync(new { duration_ms = 0 });
            var body = await response.Content.ReadAsStringAsync(CancellationToken.None); // a canary already sent is read to the end
            Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"canary job refused: {(int)response.StatusCode} {body}");
            accepted.Add(JsonDocument.Parse(body).RootElement.GetProperty("job_id").GetGuid());
            await Task.Delay(25, CancellationToken.None);
        }

        return accepted;
    }

    private enum Caller
    {
        User,
        Operator,
        Anonymous,
        UnknownKey,
    }

    private sealed record FuzzedRequest(Caller Caller, string Method, string Path, string? ContentType, string? Body, string? IdempotencyKey)
    {
        public HttpRequestMessage ToMessage(string? key)
        {
            var message = new HttpRequestMessage(new HttpMethod(Method), Path);
            if (key is not null)
            {
                message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            }

            if (IdempotencyKey is not null)
            {
                message.Headers.TryAddWithoutValidation("Idempotency-Key", IdempotencyKey);
            }

            if (Body is not null)
            {
                // Lone surrogates become U+FFFD or stay as JSON escapes: both kinds of text reach the server.
                message.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(Body));
                if (ContentType is not null)
                {
                    message.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
                }
            }

            return message;
        }

        public override string ToString() =>
            $"{Caller} {Method} {Path} [{ContentType}] key={IdempotencyKey} body={Body?[..Math.Min(Body.Length, 300)]}";
    }

    private static Gen<FuzzedRequest> FuzzRequest(string ownJobId)
    {
        var id = Gen.OneOf(Gen.Guid.Select(g => g.ToString()), Gen.Const(ownJobId),
            Gen.OneOfConst("not-a-guid", "%00", "00000000-0000-0000-0000-000000000000", "..%2F..%2Fetc", new string('f', 5000)));
        var query = Gen.Select(
            Gen.OneOfConst("limit", "cursor", "status", "job_type", "page", "page_size", "access_token", "x"),
            NastyText.Select(Uri.EscapeDataString),
            (name, value) => $"{name}={value}").Array[0, 3].Select(pairs => pairs.Length == 0 ? "" : "?" + string.Join('&', pairs));
        var route = Gen.OneOf(
            Gen.Const(("POST", "/api/v1/jobs")),
            query.Select(q => ("GET", "/api/v1/jobs" + q)),
            Gen.Select(id, query, (i, q) => ("GET", $"/api/v1/jobs/{i}/status{q}")),
            Gen.Select(id, query, (i, q) => ("GET", $"/api/v1/jobs/{i}/results{q}")),
            Gen.Select(id, query, (i, q) => ("GET", $"/api/v1/jobs/{i}/events{q}")),
            id.Select(i => ("DELETE", $"/api/v1/jobs/{i}")),
            id.Select(i => ("GET", $"/ws/jobs/{i}")),
            Gen.Const(("POST", "/api/v1/admin/tenants")),
            id.Select(i => ("GET", $"/api/v1/admin/tenants/{i}")),
            id.Select(i => ("POST", $"/api/v1/admin/tenants/{i}/users")),
            Gen.Const(("GET", "/api/v1/admin/dead-letters")),
            id.Select(i => ("POST", $"/api/v1/admin/dead-letters/{i}/redrive")),
            Gen.OneOfConst(("GET", "/health"), ("GET", "/alive"), ("PUT", "/api/v1/jobs"), ("GET", "/api/v1/nowhere")));
        var contentType = Gen.OneOfConst<string?>("application/json", "application/json; charset=utf-8", "application/json;;",
            "application/json; charset=nope", "text/plain", "application/problem+json", "multipart/form-data; boundary=x", null);
        var body = Gen.Frequency(
            (6, JobRequestBody),
            (2, AdminBody),
            (2, Json(3)),
            (1, Gen.OneOfConst("{\"job_", "[", "", "{\"job_type\":\"diagnostic\",\"parameters\":" + new string('[', 100))),
            (1, Gen.Byte.Array[0, 64].Select(bytes => Encoding.Latin1.GetString(bytes))));
        return Gen.Select(Gen.Enum<Caller>(), route, contentType, Gen.Frequency((4, body.Select(b => (string?)b)), (1, Gen.Const(default(string)))),
            Gen.Frequency((4, Gen.Const(default(string))), (1, NastyText.Select(t => (string?)t))),
            (caller, r, type, b, key) => new FuzzedRequest(caller, r.Item1, r.Item2, type, b, key));
    }

    private static readonly Gen<string> NastyText = Gen.OneOf(
        Gen.String[0, 12],
        Gen.OneOfConst("", "\0", "\ud800", "a\u0000b", "%00", "'; DROP TABLE jobs;--", "😀", "-1", "0", "2147483648",
            "-2147483649", "9223372036854775808", "1e1000000", "NaN", "diagnostic", "queued", "MTIzOm5vdA==",
            "LTU6MDAwMDAwMDAtMDAwMC0wMDAwLTAwMDAtMDAwMDAwMDAwMDAw", new string('x', 20_000)));

    private static readonly Gen<string> ScalarJson = Gen.OneOf(
        NastyText.Select(text => JsonSerializer.Serialize(text)),
        Gen.OneOfConst("\"\\u0000\"", "\"\\ud800\"", "\"\\udc00x\"", "true", "false", "null", "0", "-1", "1", "100", "600001",
            "2147483648", "1.5", "1e308", "1e1000000", "0e-20000", "-0", "\"10\""),
        Gen.Int.Select(i => i.ToString(CultureInfo.InvariantCulture)));

    private static Gen<string> Json(int depth) => depth == 0
        ? ScalarJson
        : Gen.Frequency(
            (3, ScalarJson),
            (1, Json(depth - 1).Array[0, 4].Select(items => "[" + string.Join(',', items) + "]")),
            (2, Gen.Select(Gen.OneOfConst("duration_ms", "progress_steps", "fail_attempts", "result_rows", "name", "\u0000", "x"), Json(depth - 1),
                (key, value) => $"{JsonSerializer.Serialize(key)}:{value}").Array[0, 4].Select(members => "{" + string.Join(',', members) + "}")));

    private static readonly Gen<string> JobRequestBody = Gen.Select(
        Gen.Frequency((4, Gen.Const("\"diagnostic\"")), (1, ScalarJson)),
        Gen.Frequency((3, Gen.OneOfConst("\"normal\"", "\"low\"", "\"high\"")), (1, ScalarJson)),
        Gen.Frequency((3, Json(3)), (1, Gen.Const("{\"duration_ms\":0}"))),
        (type, priority, parameters) => $$"""{"job_type":{{type}},"priority":{{priority}},"parameters":{{parameters}}}""");

    private static readonly Gen<string> AdminBody = Gen.Select(ScalarJson, Gen.Frequency((3, Gen.Const("\"free\"")), (1, ScalarJson)), ScalarJson,
        (name, tier, credits) => $$"""{"name":{{name}},"tier":{{tier}},"credits":{{credits}}}""");
}
