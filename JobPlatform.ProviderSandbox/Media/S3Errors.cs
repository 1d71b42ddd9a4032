using System.Security.Cryptography;
using System.Xml.Linq;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JobPlatform.ProviderSandbox.Media;

/// <summary>S3's XML error answers (<c>&lt;Error&gt;&lt;Code&gt;NoSuchKey&lt;/Code&gt;...</c>); an answer to HEAD has no body, as S3's.</summary>
internal static class S3Errors
{
    public static ContentHttpResult Error(HttpContext http, int status, string code, string message, params (string Name, string Value)[] details)
    {
        if (HttpMethods.IsHead(http.Request.Method))
        {
            return TypedResults.Text("", "application/xml", statusCode: status);
        }

        var error = new XElement("Error",
            new XElement("Code", code),
            new XElement("Message", message),
            details.Select(detail => new XElement(detail.Name, detail.Value)),
            new XElement("Resource", http.Request.Path.Value),
            new XElement("RequestId", http.Response.Headers["x-amz-request-id"].ToString()));
        return TypedResults.Text(new XDocument(new XDeclaration("1.0", "UTF-8", null), error).Declaration + error.ToString(SaveOptions.DisableFormatting),
            "application/xml", statusCode: status);
    }

    public static ContentHttpResult NoSuchBucket(HttpContext http, string bucket) =>
        Error(http, StatusCodes.Status404NotFound, "NoSuchBucket", "The specified bucket does not exist", ("BucketName", bucket));

    public static ContentHttpResult NoSuchKey(HttpContext http, string key) =>
        Error(http, StatusCodes.Status404NotFound, "NoSuchKey", "The specified key does not exist.", ("Key", key));

    /// <summary>S3's request ids: 16 upper-case hex digits.</summary>
    public static string NewRequestId() => Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
}
