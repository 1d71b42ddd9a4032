using System.Globalization;
using JobPlatform.ProviderSandbox.Control;
using JobPlatform.ProviderSandbox.SyntheticData;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace JobPlatform.ProviderSandbox.Media;

/// <summary>
/// The media CDN under <c>/cdn</c>, standing for Instagram's and Facebook's: every media URL in the sandbox's Apify and
/// Graph data points here. GET and HEAD, with ranges, of bytes made from the URL's path.
/// </summary>
internal static class CdnApi
{
    /// <summary>The synthetic files never change: one fixed modification date.</summary>
    private static readonly DateTimeOffset LastModified = InstagramFeed.Epoch;

    public static RouteGroupBuilder MapCdnApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapProviderGroup<CdnDialect>("/cdn");
        api.MapMethods("/{**path}", [HttpMethods.Get, HttpMethods.Head], GetMedia).IsOperation(ProviderCatalog.Cdn, "get");
        return api;
    }

    public static Results<FileContentHttpResult, ContentHttpResult> GetMedia(string path, HttpResponse response)
    {
        var asset = MediaAsset.Parse(path);
        var seed = StableHash.Of("cdn", path);
        byte[]? content = asset switch
        {
            { Extension: MediaAsset.JpegExtension } when asset.ImageSize() is var (width, height) => SyntheticJpeg.Create(seed, width, height),
            { Extension: MediaAsset.VideoExtension } when asset.VideoSeconds() is { } seconds => SyntheticVideo.Create(seed, seconds),
            _ => null,
        };
        if (asset is null || content is null)
        {
            return TypedResults.Text("Not Found", "text/plain", statusCode: StatusCodes.Status404NotFound);
        }

        response.Headers.CacheControl = "max-age=1209600, no-transform";
        return TypedResults.Bytes(
            content,
            asset.Extension == MediaAsset.JpegExtension ? "image/jpeg" : "video/mp4",
            lastModified: LastModified,
            entityTag: new EntityTagHeaderValue($"\"{seed.ToString("x16", CultureInfo.InvariantCulture)}\""),
            enableRangeProcessing: true);
    }
}
