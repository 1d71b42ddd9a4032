using System.Text.Json.Serialization;

namespace JobPlatform.Providers.Apify;

/// <summary>An actor run's status, as Apify spells it (with hyphens).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ApifyRunStatus>))]
internal enum ApifyRunStatus
{
    [JsonStringEnumMemberName("READY")] Ready,
    [JsonStringEnumMemberName("RUNNING")] Running,
    [JsonStringEnumMemberName("SUCCEEDED")] Succeeded,
    [JsonStringEnumMemberName("FAILED")] Failed,
    [JsonStringEnumMemberName("TIMING-OUT")] TimingOut,
    [JsonStringEnumMemberName("TIMED-OUT")] TimedOut,
    [JsonStringEnumMemberName("ABORTING")] Aborting,
    [JsonStringEnumMemberName("ABORTED")] Aborted,
}
