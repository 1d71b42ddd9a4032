using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using JobPlatform.Hosting;
using JobPlatform.Tests.Infrastructure;

namespace JobPlatform.Tests.Jobs;

/// <summary>Request rates per API key (by tier, shared by the API replicas) and key lookups per client address.</summary>
[Collection(AppHostCollection.Name)]
public sealed class RateLimitTests(AppHostFixture fixture)
{
    private const string CheapRequest = "/api/v1/jobs?limit=1";
    private const int Burst = AppHostFixture.ThrottledRequestBurst;
    private const double RequestsPerSecond = AppHostFixture.ThrottledRequestsPerSecond;

    [Fact]
    public async Task A_key_over_its_tiers_rate_gets_429_with_retry_after_from_both_replicas_while_another_tenant_is_served()
    {
        var app = fixture.App;
        var throttled = await Tenants.CreateUserAsync(app, tier: AppHostFixture.ThrottledTier);
        var other = await Tenants.CreateUserAsync(app);
        var replicas = Replicas(app, throttled);
        var otherReplicas = Replicas(app, other);

        // Three bursts' worth, alternating replicas, with another tenant's requests among them.
        var clock = Stopwatch.StartNew();
        var sent = Enumerable.Range(0, 3 * Burst).Select(i => (Replica: i % 2, Response: replicas[i % 2].GetAsync(CheapRequest))).ToList();
        var othersSent = Enumerable.Range(0, Burst).Select(i => otherReplicas[i % 2].GetAsync(CheapRequest)).ToList();
        await Task.WhenAll(sent.Select(s => s.Response));
        var elapsed = clock.Elapsed;

        var statuses = sent.Select(s => (s.Replica, s.Response.Result.StatusCode)).ToList();
        Assert.All(statuses, s => Assert.Contains(s.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.TooManyRequests }));
        var allowed = statuses.Count(s => s.StatusCode == HttpStatusCode.OK);
        // One budget for both replicas: the burst and what refilled meanwhile; two budgets would have allowed 2 × Burst.
        Assert.InRange(allowed, Burst, Burst + RequestsPerSecond * elapsed.TotalSeconds + 1);
        Assert.True(allowed < 2 * Burst, $"{allowed} allowed in {elapsed}: too slow a run to tell one budget from two");
        Assert.All(new[] { 0, 1 }, replica => Assert.Contains((replica, HttpStatusCode.TooManyRequests), statuses));
        Assert.All(await Task.WhenAll(othersSent), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));

        var refused = sent.Select(s => s.Response.Result).First(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        // At most one token's refill, in whole seconds.
        Assert.InRange(refused.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(Math.Ceiling(1 / RequestsPerSecond)));
        var problem = await ProblemAsync(refused);
        Assert.Equal("api_key", problem.GetProperty("limit").GetString());
        Assert.Contains($"The {AppHostFixture.ThrottledTier} tier allows {RequestsPerSecond.ToString(CultureInfo.InvariantCulture)} requests per second",
            problem.GetProperty("detail").GetString());

        // Refused requests took nothing: the bucket refills at the tier's rate and the key is served again.
        await Eventually.ReturnsAsync(() => replicas[0].GetAsync(CheapRequest), r => r.StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(10), "the key to be served again");
    }

    [Fact]
    public async Task A_flood_of_unknown_keys_from_one_address_is_refused_after_its_lookup_budget_without_a_query_each()
    {
        var app = fixture.App;
        var urls = app.HttpUrls("api");
        var flooder = IPAddress.Parse("127.0.0.2");
        using var first = LoopbackClients.From(flooder, urls[0]);
        using var second = LoopbackClients.From(flooder, urls[1]);
        var scansBefore = await ApiKeyScansAsync(app);

        const int requests = 4 * AppHostFixture.KeyLookupBurst / AppHostFixture.UnknownKeyCost;
        var responses = new List<HttpResponseMessage>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < requests; i++)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, CheapRequest);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", $"jp_made-up-{Guid.NewGuid():N}");
            responses.Add(await (i % 2 == 0 ? first : second).SendAsync(request));
        }

        var elapsed = clock.Elapsed;

        var unknown = responses.Count(r => r.StatusCode == HttpStatusCode.Unauthorized);
        var refused = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.Equal(requests, unknown + refused.Count);
        // Each unknown key costs UnknownKeyCost of the address's budget, which both replicas share.
        Assert.InRange(unknown, 1, (AppHostFixture.KeyLookupBurst + AppHostFixture.KeyLookupsPerSecond * elapsed.TotalSeconds) / AppHostFixture.UnknownKeyCost + 1);
        Assert.NotEmpty(refused);
        Assert.NotNull(refused[0].Headers.RetryAfter?.Delta);
        Assert.Equal("client_address", (await ProblemAsync(refused[0])).GetProperty("limit").GetString());

        // Meanwhile, another address's unknown key is looked up and answered 401; and a key this replica has cached
        // is served even from the flooding address: only lookups are charged to an address.
        using var otherAddress = app.CreateHttpClient("api");
        otherAddress.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", $"jp_made-up-{Guid.NewGuid():N}");
        Assert.Equal(HttpStatusCode.Unauthorized, (await otherAddress.GetAsync(CheapRequest)).StatusCode);
        var user = await Tenants.CreateUserAsync(app);
        Assert.Equal(HttpStatusCode.OK, (await user.Http.GetAsync(CheapRequest)).StatusCode);
        using var cachedKeyFromFlooder = LoopbackClients.From(flooder, urls[0], user.Http.DefaultRequestHeaders.Authorization!.Parameter);
        Assert.Equal(HttpStatusCode.OK, (await cachedKeyFromFlooder.GetAsync(CheapRequest)).StatusCode);

        // The database saw one lookup per 401 (the flood's, the other address's, the new user's), none per 429.
        var lookups = unknown + 2;
        var scans = await Eventually.ReturnsAsync(async () => await ApiKeyScansAsync(app) - scansBefore, s => s >= lookups,
            TimeSpan.FromSeconds(30), $"the database's statistics to count {lookups} lookups of api_keys");
        Assert.Equal(lookups, scans);
    }

    [Fact]
    public async Task With_redis_down_requests_are_served_and_each_replica_limits_a_key_on_its_own()
    {
        var app = fixture.App;
        var throttled = await Tenants.CreateUserAsync(app, tier: AppHostFixture.ThrottledTier);
        var replicas = Replicas(app, throttled);

        await app.StopResourceAsync("redis");
        try
        {
            var statuses = new List<HttpStatusCode>();
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < 2 * Burst; i++)
            {
                statuses.Add((await replicas[0].GetAsync(CheapRequest)).StatusCode);
            }

            var allowed = statuses.Count(s => s == HttpStatusCode.OK);
            Assert.Equal(statuses.Count, allowed + statuses.Count(s => s == HttpStatusCode.TooManyRequests));
            Assert.InRange(allowed, Burst, Burst + RequestsPerSecond * clock.Elapsed.TotalSeconds + 1);
            // The other replica counts on its own until Redis is back: it still serves the key.
            Assert.Equal(HttpStatusCode.OK, (await replicas[1].GetAsync(CheapRequest)).StatusCode);
        }
        finally
        {
            await app.StartResourceAsync("redis");
            await app.ResourceNotifications.WaitForResourceHealthyAsync("redis");
            foreach (var url in app.HttpUrls("api"))
            {
                using var http = new HttpClient { BaseAddress = new Uri(url) };
                await Eventually.ReturnsAsync(() => http.GetAsync("/health"), r => r.StatusCode == HttpStatusCode.OK,
                    TimeSpan.FromSeconds(30), $"{url} to reach Redis again");
            }
        }
    }

    private static List<HttpClient> Replicas(DistributedApplication app, TestUser user) =>
        app.HttpUrls("api").Select(url => new HttpClient
        {
            BaseAddress = new Uri(url),
            DefaultRequestHeaders = { Authorization = user.Http.DefaultRequestHeaders.Authorization },
        }).ToList();

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    // Every lookup of a key reads api_keys once (by index or, on a small table, sequentially); nothing else reads it.
    private static async Task<long> ApiKeyScansAsync(DistributedApplication app) =>
        await JobsDatabase.ScalarAsync<long>(app, "SELECT seq_scan + coalesce(idx_scan, 0) FROM pg_stat_user_tables WHERE relname = 'api_keys'");
}
