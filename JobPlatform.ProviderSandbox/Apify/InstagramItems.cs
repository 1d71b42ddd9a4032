using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using JobPlatform.ProviderSandbox.Media;
using JobPlatform.ProviderSandbox.SyntheticData;

namespace JobPlatform.ProviderSandbox.Apify;

/// <summary>Synthetic accounts, posts and followers as the scrapers' dataset items.</summary>
internal static class InstagramItems
{
    /// <summary>The profile scraper's <c>latestPosts</c> holds the 12 newest posts, whatever the account has.</summary>
    private const int LatestPostsCount = 12;

    public static JsonObject Profile(InstagramAccount account, DateTimeOffset asOf, CdnUrls urls)
    {
        IReadOnlyList<PostItem> latest = account.Private
            ? []
            : [.. account.Feed.NewestFirst(asOf, null).Take(LatestPostsCount).Select(index => Post(account, account.Feed.Post(index), urls, inputUrl: null))];
        var item = new ProfileItem(
            $"https://www.instagram.com/{account.Username}",
            account.Id,
            account.Username,
            $"https://www.instagram.com/{account.Username}",
            account.FullName,
            account.Biography,
            account.FollowersCount,
            account.FollowsCount,
            account.Feed.PostsCount(asOf),
            account.HighlightReelCount,
            account.IgtvVideoCount,
            account.IsBusinessAccount,
            JoinedRecently: false,
            HasChannel: false,
            account.BusinessCategoryName,
            account.Private,
            account.Verified,
            account.ExternalUrl,
            urls.Url(account.ProfilePicture),
            urls.Url(account.ProfilePictureHD),
            [],
            latest,
            []);
        return Node(item, ApifyJson.Items);
    }

    public static PostItem Post(InstagramAccount account, InstagramPost post, CdnUrls urls, string? inputUrl)
    {
        var children = post.Children
            .Select((child, position) => new ChildPostItem(
                $"{post.Id}{position.ToString(CultureInfo.InvariantCulture)}", nameof(InstagramPostType.Image), "", urls.Url(child), 1080, 1080))
            .ToList();
        return new PostItem(
            inputUrl,
            post.Id,
            post.Type.ToString(),
            post.ShortCode,
            post.Caption.Text,
            post.Caption.Hashtags,
            post.Caption.Mentions,
            $"https://www.instagram.com/p/{post.ShortCode}/",
            post.CommentsCount,
            post.Height,
            post.Width,
            urls.Url(post.Display),
            [.. children.Select(child => child.DisplayUrl)],
            post.Video is { } video ? urls.Url(video.File) : null,
            post.LikesCount,
            post.Video?.ViewCount,
            post.Video?.PlayCount,
            post.Video?.DurationSeconds,
            ApifyJson.Timestamp(post.Timestamp),
            children,
            account.Username,
            account.FullName,
            account.Id,
            post.Video is null ? null : "clips",
            IsPinned: false,
            IsCommentsDisabled: false);
    }

    public static JsonObject PostNode(InstagramAccount account, InstagramPost post, CdnUrls urls) =>
        Node(Post(account, post, urls, $"https://www.instagram.com/{account.Username}/"), ApifyJson.Items);

    public static JsonObject Follower(InstagramFollower follower, CdnUrls urls) =>
        Node(new FollowerItem(follower.Username, follower.FullName, follower.Id, follower.IsPrivate, follower.IsVerified, urls.Url(follower.ProfilePicture), 0), ApifyJson.SnakeCaseItems);

    /// <summary>The item for a username that does not exist.</summary>
    public static JsonObject NotFound(string username) =>
        Node(new ErrorItem($"https://www.instagram.com/{username}/", username, "not_found", "Profile does not exist"), ApifyJson.Items);

    /// <summary>The item for a private account, whose posts no scraper can read.</summary>
    public static JsonObject NoItems(string username) =>
        Node(new ErrorItem($"https://www.instagram.com/{username}/", username, "no_items", "Empty or private data for provided input"), ApifyJson.Items);

    private static JsonObject Node<T>(T item, JsonSerializerOptions options) => JsonSerializer.SerializeToNode(item, options)!.AsObject();
}
