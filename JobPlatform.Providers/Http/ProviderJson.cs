using System.Text.Json;
using System.Text.Json.Serialization;

namespace JobPlatform.Providers.Http;

internal static class ProviderJson
{
    /// <summary>
    /// Web defaults (camelCase, case-insensitive names, numbers read from strings: the Graph API sends its metrics as
    /// strings); absent optional fields left out of requests rather than sent as null. An answer without a required
    /// member, or with null where the model says never, is malformed: it fails where it is read, not later in a job.
    /// </summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };
}
