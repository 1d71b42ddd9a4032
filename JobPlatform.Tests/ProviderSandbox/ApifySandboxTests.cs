using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace JobPlatform.Tests.ProviderSandbox;

/// <summary>The sandbox's Apify: runs that start, progress and finish as Apify's do, their datasets, its refusals.</summary>
public sealed class ApifySandboxTests(SandboxFactory sandbox) : IClassFixture<SandboxFactory>
{
    [Fact]
    public async Task The_same_username_gives_the_same_profile_and_posts_in_two_runs()
    {
        using var client = sandbox.Apify();

        var first = await RunAndReadAsync(client, "apify~instagram-profile-scraper", new { usernames = new[] { "travel.with.maria" } });
        var second = await RunAndReadAsync(client, "apify~instagram-profile-scraper", new { usernames = new[] { "travel.with.maria" } });
        var posts = await RunAndReadAsync(client, "apify~instagram-post-scraper", new { username = new[] { "travel.with.maria" }, resultsLimit = 5 });
        var postsAgain = await RunAndReadAsync(client, "apify~instagram-post-scraper", new { username = new[] { "travel.with.maria" }, resultsLimit = 5 });

        // Media URLs carry an expiry computed from each run's start: everything else is the same.
        Assert.Equal(WithoutExpiry(first), WithoutExpiry(second));
        Assert.Equal(WithoutExpiry(posts), WithoutExpiry(postsAgain));
        var profile = first.Single()!;
        Assert.Equal("travel.with.maria", profile["username"]!.GetValue<string>());
        Assert.Equal(12, profile["latestPosts"]!.AsArray().Count);
        Assert.Equal(5, posts.Count);
        Assert.All(posts, post => Assert.False(string.IsNullOrEmpty(post!["caption"]!.GetValue<string>())));
        Assert.StartsWith("http://localhost/cdn/", profile["profilePicUrlHD"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_is_polled_to_success_and_its_dataset_is_paged_with_apifys_headers()
    {
        using var client = sandbox.Apify();
        using var start = await client.PostAsJsonAsync("/apify/v2/acts/datadoping~instagram-followers-scraper/runs",
            new { usernames = new[] { "nike.fan.club", "missing_account" }, max_count = 25 });
        Assert.Equal(HttpStatusCode.Created, start.StatusCode);
        Assert.NotNull(start.Headers.Location);
        var run = (await start.Content.ReadFromJsonAsync<JsonObject>())!["data"]!;

        var finished = await client.GetFromJsonAsync<JsonObject>($"/apify/v2/actor-runs/{run["id"]}?waitForFinish=10");
        Assert.Equal("SUCCEEDED", finished!["data"]!["status"]!.GetValue<string>());
        Assert.NotNull(finished["data"]!["finishedAt"]);

        var items = new List<JsonNode?>();
        for (var offset = 0; ; offset += 10)
        {
            using var page = await client.GetAsync($"/apify/v2/datasets/{run["defaultDatasetId"]}/items?format=json&clean=1&offset={offset}&limit=10");
            Assert.Equal(offset.ToString(System.Globalization.CultureInfo.InvariantCulture), Header(page, "X-Apify-Pagination-Offset"));
            Assert.Equal("10", Header(page, "X-Apify-Pagination-Limit"));
            var total = int.Parse(Header(page, "X-Apify-Pagination-Total"), System.Globalization.CultureInfo.InvariantCulture);
            var body = (await page.Content.ReadFromJsonAsync<JsonArray>())!;
            Assert.Equal(body.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), Header(page, "X-Apify-Pagination-Count"));
            items.AddRange(body.Select(item => item?.DeepClone()));
            if (offset + 10 >= total)
            {
                Assert.Equal(26, total);
                break;
            }
        }

        var followers = items.Where(item => item!["error"] is null).ToList();
        Assert.Equal(25, followers.Count);
        Assert.Equal(25, followers.Select(follower => follower!["username"]!.GetValue<string>()).Distinct().Count());
        Assert.All(followers, follower => Assert.NotNull(follower!["full_name"]));
        var missing = items.Single(item => item!["error"] is not null)!;
        Assert.Equal("not_found", missing["error"]!.GetValue<string>());
        Assert.Equal("missing_account", missing["username"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_private_account_gives_an_error_item_and_a_succeeded_run()
    {
        using var client = sandbox.Apify();

        var items = await RunAndReadAsync(client, "apify~instagram-reel-scraper", new { username = new[] { "private_diary" }, resultsLimit = 3 });

        Assert.Equal("no_items", items.Single()!["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Reels_are_the_video_posts_with_play_counts()
    {
        using var client = sandbox.Apify();

        var reels = await RunAndReadAsync(client, "apify~instagram-reel-scraper", new { username = new[] { "city.runner" }, resultsLimit = 4 });

        Assert.Equal(4, reels.Count);
        Assert.All(reels, reel =>
        {
            Assert.Equal("Video", reel!["type"]!.GetValue<string>());
            Assert.True(reel["videoPlayCount"]!.GetValue<long>() > 0);
            Assert.Contains("/cdn/", reel["videoUrl"]!.GetValue<string>(), StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task A_run_outcome_fault_makes_the_next_run_fail()
    {
        using var client = sandbox.Apify();
        await client.InjectAsync(new { provider = "apify", operation = "run-outcome", status_word = "FAILED" });

        using var start = await client.PostAsJsonAsync("/apify/v2/acts/apify~instagram-profile-scraper/runs?waitForFinish=10", new { usernames = new[] { "someone" } });
        var failed = (await start.Content.ReadFromJsonAsync<JsonObject>())!["data"]!;
        var next = await RunAsync(client, "apify~instagram-profile-scraper", new { usernames = new[] { "someone" } });

        Assert.Equal("FAILED", failed["status"]!.GetValue<string>());
        Assert.Equal(1, failed["exitCode"]!.GetValue<int>());
        Assert.Equal("SUCCEEDED", next["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_aborted_run_ends_aborted()
    {
        using var client = sandbox.Apify();
        await client.PutAsJsonAsync("/_sandbox/latency", new { profile = "realistic" });
        try
        {
            using var start = await client.PostAsJsonAsync("/apify/v2/acts/apify~instagram-profile-scraper/runs", new { usernames = new[] { "slow.one" } });
            var run = (await start.Content.ReadFromJsonAsync<JsonObject>())!["data"]!;

            using var abort = await client.PostAsync($"/apify/v2/actor-runs/{run["id"]}/abort", null);
            var aborted = (await abort.Content.ReadFromJsonAsync<JsonObject>())!["data"]!;

            Assert.Equal("ABORTED", aborted["status"]!.GetValue<string>());
        }
        finally
        {
            await client.PutAsJsonAsync("/_sandbox/latency", new { profile = "fast" });
        }
    }

    [Fact]
    public async Task Missing_or_wrong_tokens_are_refused_with_apifys_error_body()
    {
        using var anonymous = sandbox.CreateClient();

        using var missing = await anonymous.PostAsJsonAsync("/apify/v2/acts/apify~instagram-profile-scraper/runs", new { usernames = new[] { "a" } });
        using var wrong = await anonymous.PostAsJsonAsync("/apify/v2/acts/apify~instagram-profile-scraper/runs?token=nope", new { usernames = new[] { "a" } });

        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal("token-not-provided", (await ErrorAsync(missing)).GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal("token-not-valid", (await ErrorAsync(wrong)).GetProperty("type").GetString());
    }

    [Fact]
    public async Task Invalid_input_is_refused_as_the_actor_words_it()
    {
        using var client = sandbox.Apify();

        using var response = await client.PostAsJsonAsync("/apify/v2/acts/apify~instagram-reel-scraper/runs", new { usernames = new[] { "a" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Field input.username is required", (await ErrorAsync(response)).GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private static async Task<JsonObject> RunAsync(HttpClient client, string actor, object input)
    {
        using var start = await client.PostAsJsonAsync($"/apify/v2/acts/{actor}/runs?waitForFinish=10", input);
        Assert.Equal(HttpStatusCode.Created, start.StatusCode);
        return (await start.Content.ReadFromJsonAsync<JsonObject>())!["data"]!.AsObject();
    }

    private static async Task<JsonArray> RunAndReadAsync(HttpClient client, string actor, object input)
    {
        var run = await RunAsync(client, actor, input);
        Assert.Equal("SUCCEEDED", run["status"]!.GetValue<string>());
        return (await client.GetFromJsonAsync<JsonArray>($"/apify/v2/datasets/{run["defaultDatasetId"]}/items"))!;
    }

    private static readonly JsonSerializerOptions Unescaped = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string WithoutExpiry(JsonArray items) =>
        System.Text.RegularExpressions.Regex.Replace(items.ToJsonString(Unescaped), "oh=[^&\"]*&oe=[0-9A-F]+", "");

    private static string Header(HttpResponseMessage response, string name) => response.Headers.GetValues(name).Single();

    private static async Task<JsonElement> ErrorAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
}
