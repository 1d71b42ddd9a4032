using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace JobPlatform.Tests.ProviderSandbox;

/// <summary>The sandbox's Graph API: fields, cursor paging, video sources, Graph's errors and rate limits.</summary>
public sealed class GraphSandboxTests(SandboxFactory sandbox) : IClassFixture<SandboxFactory>
{
    private const string Base = "/graph/v22.0";
    private const string Token = SandboxFactory.GraphToken;

    [Fact]
    public async Task Following_paging_next_visits_every_ad_once_and_ends_without_next()
    {
        using var client = sandbox.CreateClient();
        var account = await FirstAccountAsync(client);
        var all = await client.GetFromJsonAsync<JsonObject>($"{Base}/act_{account}/ads?access_token={Token}&limit=500");
        var expected = all!["data"]!.AsArray().Select(ad => ad!["id"]!.GetValue<string>()).ToList();

        var seen = new List<string>();
        var pages = 0;
        string? next = $"{Base}/act_{account}/ads?access_token={Token}&limit=2&fields=id,name";
        while (next is not null)
        {
            var page = await client.GetFromJsonAsync<JsonObject>(next);
            seen.AddRange(page!["data"]!.AsArray().Select(ad => ad!["id"]!.GetValue<string>()));
            next = page["paging"]?["next"]?.GetValue<string>();
            if (next is not null)
            {
                Assert.StartsWith("http://localhost/graph/v22.0/", next, StringComparison.Ordinal);
                Assert.Contains("after=", next, StringComparison.Ordinal);
            }

            pages++;
        }

        Assert.True(expected.Count >= 3);
        Assert.Equal(expected, seen);
        Assert.Equal((expected.Count + 1) / 2, pages);
    }

    [Fact]
    public async Task Only_the_requested_fields_come_back_with_the_creative_expanded()
    {
        using var client = sandbox.CreateClient();
        var account = await FirstAccountAsync(client);

        var ads = await client.GetFromJsonAsync<JsonObject>($"{Base}/act_{account}/ads?access_token={Token}&fields=name,creative{{object_type,video_id}}");
        var plain = await client.GetFromJsonAsync<JsonObject>($"{Base}/act_{account}/ads?access_token={Token}&fields=creative");

        var ad = ads!["data"]![0]!.AsObject();
        Assert.Equal(["id", "name", "creative"], ad.Select(field => field.Key));
        var creative = ad["creative"]!.AsObject();
        Assert.Equal("id", creative.First().Key);
        Assert.All(creative.Select(field => field.Key), key => Assert.Contains(key, new[] { "id", "object_type", "video_id" }));
        Assert.Equal(["id"], plain!["data"]![0]!["creative"]!.AsObject().Select(field => field.Key));
    }

    [Fact]
    public async Task A_video_ads_source_is_a_downloadable_mp4_on_the_sandboxs_cdn()
    {
        using var client = sandbox.CreateClient();
        var account = await FirstAccountAsync(client);
        var ads = await client.GetFromJsonAsync<JsonObject>($"{Base}/act_{account}/ads?access_token={Token}&limit=500&fields=creative{{video_id,object_type}}");
        var videoId = ads!["data"]!.AsArray().Select(ad => ad!["creative"]!["video_id"]?.GetValue<string>()).First(id => id is not null);

        var video = await client.GetFromJsonAsync<JsonObject>($"{Base}/{videoId}?fields=source,length,picture,title&access_token={Token}");
        using var download = await client.GetAsync(video!["source"]!.GetValue<string>());
        var bytes = await download.Content.ReadAsByteArrayAsync();

        Assert.Equal(["id", "length", "picture", "source", "title"], video.Select(field => field.Key).Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("video/mp4", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("ftyp"u8.ToArray(), bytes[4..8]);
    }

    [Fact]
    public async Task Insights_metrics_are_strings()
    {
        using var client = sandbox.CreateClient();
        var account = await FirstAccountAsync(client);
        var ads = await client.GetFromJsonAsync<JsonObject>($"{Base}/act_{account}/ads?access_token={Token}&limit=500&fields=effective_status&effective_status=[\"ACTIVE\"]");
        var adId = ads!["data"]![0]!["id"]!.GetValue<string>();

        var insights = await client.GetFromJsonAsync<JsonObject>($"{Base}/{adId}/insights?access_token={Token}&date_preset=maximum&fields=impressions,spend,ctr,date_start,date_stop");

        var row = insights!["data"]![0]!;
        Assert.Equal(JsonValueKind.String, row["impressions"]!.GetValueKind());
        Assert.Equal(JsonValueKind.String, row["spend"]!.GetValueKind());
    }

    [Fact]
    public async Task Tokens_are_refused_in_graphs_shape()
    {
        using var client = sandbox.CreateClient();

        using var wrong = await client.GetAsync($"{Base}/me/adaccounts?access_token=wrong");
        using var missing = await client.GetAsync($"{Base}/me/adaccounts");
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token);
        using var bearer = await client.GetAsync($"{Base}/me/adaccounts");

        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        var error = JsonDocument.Parse(await wrong.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal(190, error.GetProperty("code").GetInt32());
        Assert.Equal("OAuthException", error.GetProperty("type").GetString());
        Assert.True(error.TryGetProperty("fbtrace_id", out _));
        Assert.Contains("invalid_token", wrong.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(2500, JsonDocument.Parse(await missing.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal(HttpStatusCode.OK, bearer.StatusCode);
    }

    [Fact]
    public async Task A_rate_limit_is_a_400_with_graphs_code_and_usage_headers()
    {
        using var client = sandbox.CreateClient();
        var account = await FirstAccountAsync(client);
        await client.InjectAsync(new { provider = "graph", operation = "ads", kind = "status", status = 429, retry_after_seconds = 90 });

        using var limited = await client.GetAsync($"{Base}/act_{account}/ads?access_token={Token}");
        using var after = await client.GetAsync($"{Base}/act_{account}/ads?access_token={Token}");

        Assert.Equal(HttpStatusCode.BadRequest, limited.StatusCode);
        var error = JsonDocument.Parse(await limited.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal(80004, error.GetProperty("code").GetInt32());
        Assert.Equal(2446079, error.GetProperty("error_subcode").GetInt32());
        var usage = JsonDocument.Parse(limited.Headers.GetValues("x-business-use-case-usage").Single()).RootElement.GetProperty(account)[0];
        Assert.Equal(100, usage.GetProperty("call_count").GetInt32());
        Assert.Equal(2, usage.GetProperty("estimated_time_to_regain_access").GetInt32());
        Assert.False(limited.Headers.Contains("Retry-After"));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task An_unknown_field_is_graphs_error_100()
    {
        using var client = sandbox.CreateClient();

        using var response = await client.GetAsync($"{Base}/me/adaccounts?access_token={Token}&fields=id,no_such_field");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("nonexisting field (no_such_field)", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<string> FirstAccountAsync(HttpClient client)
    {
        var accounts = await client.GetFromJsonAsync<JsonObject>($"{Base}/me/adaccounts?access_token={Token}&fields=account_id");
        return accounts!["data"]![0]!["account_id"]!.GetValue<string>();
    }
}
