using JobPlatform.Providers;
using JobPlatform.Providers.FacebookGraph;
using JobPlatform.Tests.Infrastructure;

namespace JobPlatform.Tests.Providers;

/// <summary>
/// The Graph client against the sandbox: edges read to their last page by cursor, creatives, insights and videos;
/// rate limits arrive as HTTP 400 with a rate-limit code and are waited out, or reported with their wait.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class FacebookGraphClientTests(AppHostFixture fixture) : IAsyncLifetime
{
    private readonly ProviderSandbox _sandbox = new(fixture.App);

    public Task InitializeAsync() => _sandbox.ResetAsync();

    public Task DisposeAsync() => _sandbox.ResetAsync();

    [Fact]
    public async Task An_accounts_ads_are_read_page_by_page_to_the_last_with_their_creatives()
    {
        await using var clients = await ProviderClients.StartAsync(_sandbox, ("Providers:FacebookGraph:PageSize", "2"));
        var graph = clients.Get<FacebookGraphClient>();

        var accounts = await graph.GetAdAccountsAsync();
        var ads = await graph.GetAdsAsync(accounts[0].Id);

        Assert.All(accounts, account => Assert.StartsWith("act_", account.Id));
        Assert.True(ads.Count > 2, $"{ads.Count} ads: too few to page.");
        Assert.Equal(ads.Count, ads.Select(ad => ad.Id).Distinct().Count());
        Assert.All(ads, ad => Assert.NotNull(ad.Creative));
        Assert.Equal((ads.Count + 1) / 2, await _sandbox.CallsAsync("graph", "ads"));
    }

    [Fact]
    public async Task A_video_ads_creative_insights_and_video_file_are_read()
    {
        await using var clients = await ProviderClients.StartAsync(_sandbox);
        var graph = clients.Get<FacebookGraphClient>();
        var accounts = await graph.GetAdAccountsAsync();
        var ad = (await graph.GetAdsAsync(accounts[0].Id)).First(ad => ad.Creative!.VideoIds.Count > 0);

        var creative = await graph.GetCreativeAsync(ad.Creative!.Id);
        var insights = await graph.GetInsightsAsync(ad.Id, "maximum");
        var video = await graph.GetVideoSourceAsync(creative.VideoIds[0]);

        Assert.Equal(ad.Creative.Id, creative.Id);
        Assert.All(insights, row => Assert.Equal(ad.Id, row.AdId));
        Assert.Equal(creative.VideoIds[0], video.Id);
        Assert.StartsWith($"{_sandbox.Url}/cdn/", video.Source);
        Assert.True(video.Length > 0);
    }

    [Fact]
    public async Task A_rate_limit_answered_as_HTTP_400_is_retried()
    {
        await using var clients = await ProviderClients.StartAsync(_sandbox);
        await _sandbox.AddFaultAsync(SandboxFault.WithStatus("graph", "adaccounts", 400, errorCode: "17"));

        var accounts = await clients.Get<FacebookGraphClient>().GetAdAccountsAsync();

        Assert.NotEmpty(accounts);
        Assert.Equal(2, await _sandbox.CallsAsync("graph", "adaccounts"));
    }

    [Fact]
    public async Task A_throttle_longer_than_the_longest_wait_fails_at_once_as_transient_with_its_wait()
    {
        await using var clients = await ProviderClients.StartAsync(_sandbox, ("Providers:FacebookGraph:Resilience:MaxRetryAfter", "00:00:30"));
        var graph = clients.Get<FacebookGraphClient>();
        var accounts = await graph.GetAdAccountsAsync();
        // The sandbox says 2 minutes in x-business-use-case-usage's estimated_time_to_regain_access.
        await _sandbox.AddFaultAsync(SandboxFault.WithStatus("graph", "ads", 400, retryAfterSeconds: 120, errorCode: "80004"));

        var failure = await Assert.ThrowsAsync<ProviderException>(() => graph.GetAdsAsync(accounts[0].Id));

        Assert.True(failure.Transient);
        Assert.Equal(TimeSpan.FromMinutes(2), failure.RetryAfter);
        Assert.StartsWith("The Facebook Graph API is rate limiting ads (400 80004/2446079); it asks to wait 2 min: (#80004) There have been too many calls", failure.Message);
        Assert.Equal(1, await _sandbox.CallsAsync("graph", "ads"));
    }

    [Fact]
    public async Task An_unknown_object_is_a_permanent_failure()
    {
        await using var clients = await ProviderClients.StartAsync(_sandbox);

        var failure = await Assert.ThrowsAsync<ProviderException>(() => clients.Get<FacebookGraphClient>().GetCreativeAsync("999"));

        Assert.False(failure.Transient);
        Assert.StartsWith("The Facebook Graph API refused creative (400 100/33)", failure.Message);
        Assert.Equal(1, await _sandbox.CallsAsync("graph", "creative"));
    }
}
