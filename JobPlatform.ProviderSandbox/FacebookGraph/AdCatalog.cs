using System.Globalization;
using System.Text.Json.Nodes;
using JobPlatform.ProviderSandbox.Media;
using JobPlatform.ProviderSandbox.SyntheticData;

namespace JobPlatform.ProviderSandbox.FacebookGraph;

/// <summary>
/// Synthetic ad accounts, ads, creatives, videos and insights, all functions of the account number: any account
/// number is an account with its ads (3 to 40 of them), the same every time. Objects are made whole; the API projects
/// them onto <c>fields=</c>.
/// </summary>
internal static class AdCatalog
{
    /// <summary>An ad's creative is VIDEO, SHARE (a link) or PHOTO; video ads have a video node.</summary>
    private static readonly string[] ObjectTypes = ["VIDEO", "VIDEO", "VIDEO", "VIDEO", "VIDEO", "SHARE", "SHARE", "SHARE", "PHOTO", "PHOTO"];

    private static readonly string[] Brands = ["Acme", "Northwind", "Contoso", "Fabrikam", "Tailspin", "Litware", "Adventure Works", "Wide World"];
    private static readonly string[] AccountSuffixes = ["Main", "EU", "Retail", "Brand", "Performance"];
    private static readonly string[] Currencies = ["USD", "EUR", "GBP", "BRL", "INR", "JPY"];
    private static readonly string[] TimeZones = ["America/Los_Angeles", "America/New_York", "Europe/Berlin", "Europe/London", "America/Sao_Paulo", "Asia/Kolkata"];
    private static readonly string[] CallsToAction = ["SHOP_NOW", "LEARN_MORE", "SIGN_UP"];

    public static int AdCount(long account) => DeterministicRandom.For("ad-count", Key(account)).Next(3, 41);

    public static JsonObject Account(long account)
    {
        var random = DeterministicRandom.For("ad-account", Key(account));
        return new JsonObject
        {
            ["id"] = $"act_{Key(account)}",
            ["account_id"] = Key(account),
            ["name"] = $"{random.Pick(Brands)} {random.Pick(AccountSuffixes)}",
            ["currency"] = random.Pick(Currencies),
            ["account_status"] = random.Chance(0.85) ? 1 : random.Pick([2, 3, 7, 9]),
            ["amount_spent"] = random.NextInt64(10_000, 50_000_000).ToString(CultureInfo.InvariantCulture),
            ["timezone_name"] = random.Pick(TimeZones),
        };
    }

    public static JsonObject Ad(long account, int index, CdnUrls urls)
    {
        var ad = Describe(account, index);
        return new JsonObject
        {
            ["id"] = GraphIds.Node(GraphIds.AdKind, account, index),
            ["name"] = $"{ad.Title} - {ad.ObjectType.ToLowerInvariant()} {index + 1}",
            ["account_id"] = Key(account),
            ["adset_id"] = $"{Key(account)}{index / 5 + 1:00}",
            ["campaign_id"] = $"{Key(account)}{index / 10 + 1:0}",
            ["status"] = ad.Status,
            ["configured_status"] = ad.Status,
            ["effective_status"] = ad.EffectiveStatus,
            ["created_time"] = GraphJson.Timestamp(ad.CreatedAt),
            ["updated_time"] = GraphJson.Timestamp(ad.CreatedAt.AddDays(2)),
            ["creative"] = Creative(account, index, urls),
        };
    }

    public static JsonObject Creative(long account, int index, CdnUrls urls)
    {
        var ad = Describe(account, index);
        var seed = StableHash.Of("ad-media", Key(account), Key(index));
        var image = urls.Url(MediaAsset.Image("t45.1600-4", seed, 1200, 628));
        var thumbnail = urls.Url(MediaAsset.Image("t15.5256-10", seed, 64, 64));
        var callToAction = new JsonObject { ["type"] = ad.CallToAction, ["value"] = new JsonObject { ["link"] = $"https://shop.example.com/{Key(index)}" } };
        var creative = new JsonObject
        {
            ["id"] = GraphIds.Node(GraphIds.CreativeKind, account, index),
            ["name"] = $"{ad.Title} creative",
            ["title"] = ad.Title,
            ["body"] = ad.Body,
            ["object_type"] = ad.ObjectType,
            ["thumbnail_url"] = thumbnail,
            ["call_to_action_type"] = ad.CallToAction,
            ["status"] = "ACTIVE",
            ["account_id"] = Key(account),
        };
        var pageId = $"10{account % 10_000_000_000:0000000000}";
        switch (ad.ObjectType)
        {
            case "VIDEO":
                var videoId = GraphIds.Node(GraphIds.VideoKind, account, index);
                var videoPicture = urls.Url(MediaAsset.Image("t15.5256-10", seed, 1280, 720));
                creative["video_id"] = videoId;
                creative["object_story_spec"] = new JsonObject
                {
                    ["page_id"] = pageId,
                    ["video_data"] = new JsonObject
                    {
                        ["video_id"] = videoId, ["image_url"] = videoPicture, ["title"] = ad.Title, ["message"] = ad.Body, ["call_to_action"] = callToAction,
                    },
                };
                // Dynamic creatives list their videos in the asset feed instead: every third video ad is one.
                if (index % 3 == 0)
                {
                    creative["asset_feed_spec"] = new JsonObject
                    {
                        ["videos"] = new JsonArray(new JsonObject { ["video_id"] = videoId, ["thumbnail_url"] = thumbnail }),
                        ["bodies"] = new JsonArray(new JsonObject { ["text"] = ad.Body }),
                        ["titles"] = new JsonArray(new JsonObject { ["text"] = ad.Title }),
                        ["ad_formats"] = new JsonArray("SINGLE_VIDEO"),
                    };
                }

                break;
            case "SHARE":
                creative["image_url"] = image;
                creative["object_story_spec"] = new JsonObject
                {
                    ["page_id"] = pageId,
                    ["link_data"] = new JsonObject
                    {
                        ["link"] = $"https://shop.example.com/{Key(index)}", ["message"] = ad.Body, ["name"] = ad.Title, ["picture"] = image, ["call_to_action"] = callToAction,
                    },
                };
                break;
            default:
                creative["image_url"] = image;
                creative["object_story_spec"] = new JsonObject
                {
                    ["page_id"] = pageId,
                    ["photo_data"] = new JsonObject { ["image_url"] = image, ["caption"] = ad.Body },
                };
                break;
        }

        return creative;
    }

    /// <summary>The video of a video ad; null when the ad at that index is not a video ad.</summary>
    public static JsonObject? Video(long account, int index, CdnUrls urls)
    {
        var ad = Describe(account, index);
        if (ad.ObjectType != "VIDEO")
        {
            return null;
        }

        var seed = StableHash.Of("ad-media", Key(account), Key(index));
        var id = GraphIds.Node(GraphIds.VideoKind, account, index);
        return new JsonObject
        {
            ["id"] = id,
            ["source"] = urls.Url(MediaAsset.Video("t42.1790-2", seed, ad.VideoSeconds)),
            ["length"] = ad.VideoSeconds,
            ["picture"] = urls.Url(MediaAsset.Image("t15.5256-10", seed, 1280, 720)),
            ["title"] = ad.Title,
            ["description"] = ad.Body,
            ["permalink_url"] = $"/{id}/",
            ["created_time"] = GraphJson.Timestamp(ad.CreatedAt.AddHours(-1)),
            ["updated_time"] = GraphJson.Timestamp(ad.CreatedAt),
        };
    }

    /// <summary>
    /// The ad's one insights row for the days it delivered between <paramref name="since"/> and <paramref name="until"/>
    /// (null when it delivered none: archived, not yet created, or in review), metrics as strings.
    /// </summary>
    public static JsonObject? Insights(long account, int index, DateOnly since, DateOnly until)
    {
        var ad = Describe(account, index);
        var firstDay = DateOnly.FromDateTime(ad.CreatedAt.UtcDateTime);
        var days = until.DayNumber - Math.Max(since.DayNumber, firstDay.DayNumber) + 1;
        if (ad.EffectiveStatus is "ARCHIVED" or "PENDING_REVIEW" || days <= 0)
        {
            return null;
        }

        var random = DeterministicRandom.For("ad-insights", Key(account), Key(index));
        var impressions = (long)(days * random.NextDouble(500, 12_000));
        var frequency = random.NextDouble(1.1, 2.6);
        var clicks = (long)(impressions * random.NextDouble(0.004, 0.03));
        var spend = impressions / 1000.0 * random.NextDouble(3, 15);
        var row = new JsonObject
        {
            ["account_id"] = Key(account),
            ["ad_id"] = GraphIds.Node(GraphIds.AdKind, account, index),
            ["ad_name"] = $"{ad.Title} - {ad.ObjectType.ToLowerInvariant()} {index + 1}",
            ["adset_id"] = $"{Key(account)}{index / 5 + 1:00}",
            ["campaign_id"] = $"{Key(account)}{index / 10 + 1:0}",
            ["objective"] = ad.ObjectType == "VIDEO" ? "OUTCOME_AWARENESS" : "OUTCOME_TRAFFIC",
            ["impressions"] = impressions.ToString(CultureInfo.InvariantCulture),
            ["reach"] = ((long)(impressions / frequency)).ToString(CultureInfo.InvariantCulture),
            ["frequency"] = GraphJson.Number(frequency, 6),
            ["clicks"] = clicks.ToString(CultureInfo.InvariantCulture),
            ["ctr"] = GraphJson.Number(100.0 * clicks / Math.Max(1, impressions), 6),
            ["cpc"] = GraphJson.Number(spend / Math.Max(1, clicks), 6),
            ["cpm"] = GraphJson.Number(spend / Math.Max(1, impressions) * 1000, 6),
            ["spend"] = GraphJson.Number(spend, 2),
            ["actions"] = Actions(("link_click", (long)(clicks * 0.7)), ("post_engagement", (long)(clicks * 1.4)), ("video_view", ad.ObjectType == "VIDEO" ? impressions * 3 / 10 : 0)),
            ["date_start"] = GraphJson.Date(since),
            ["date_stop"] = GraphJson.Date(until),
        };
        if (ad.ObjectType == "VIDEO")
        {
            var views = impressions * 3 / 10;
            row["video_play_actions"] = Actions(("video_view", views));
            row["video_p25_watched_actions"] = Actions(("video_view", views * 6 / 10));
            row["video_p50_watched_actions"] = Actions(("video_view", views * 4 / 10));
            row["video_p75_watched_actions"] = Actions(("video_view", views * 25 / 100));
            row["video_p100_watched_actions"] = Actions(("video_view", views * 15 / 100));
        }

        return row;
    }

    private static JsonArray Actions(params (string Type, long Value)[] actions) =>
        new([.. actions.Where(action => action.Value > 0)
            .Select(action => new JsonObject { ["action_type"] = action.Type, ["value"] = action.Value.ToString(CultureInfo.InvariantCulture) })]);

    private static AdDescription Describe(long account, int index)
    {
        var random = DeterministicRandom.For("ad", Key(account), Key(index));
        var language = random.Chance(0.7) ? CaptionLibrary.English : random.Pick(CaptionLibrary.Languages);
        var status = random.Pick(["ACTIVE", "ACTIVE", "ACTIVE", "ACTIVE", "ACTIVE", "ACTIVE", "PAUSED", "PAUSED", "PAUSED", "ARCHIVED"]);
        var effectiveStatus = status == "ACTIVE" && random.Chance(0.15) ? random.Pick(["CAMPAIGN_PAUSED", "PENDING_REVIEW"]) : status;
        return new AdDescription(
            random.Pick(ObjectTypes),
            CaptionLibrary.Sentences(random, language, Tone.Positive, 1),
            CaptionLibrary.Sentences(random, language, random.Chance(0.7) ? Tone.Positive : Tone.Neutral, 2),
            status,
            effectiveStatus,
            InstagramFeed.Epoch.AddDays(index * 9 + random.Next(0, 9)).AddHours(random.Next(0, 24)),
            random.Pick(CallsToAction),
            Math.Round(random.NextDouble(6, 60), 2));
    }

    private static string Key(long number) => number.ToString(CultureInfo.InvariantCulture);

    private sealed record AdDescription(string ObjectType, string Title, string Body, string Status, string EffectiveStatus, DateTimeOffset CreatedAt, string CallToAction, double VideoSeconds);
}
