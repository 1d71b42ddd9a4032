using System.Text.Json.Serialization;

namespace JobPlatform.ProviderSandbox.Apify;

/// <summary>The run object of Apify's API (Get run, Run Actor, Abort run), with the fields of its documentation's example.</summary>
internal sealed record RunData(
    string Id,
    string ActId,
    string UserId,
    string? ActorTaskId,
    string StartedAt,
    string? FinishedAt,
    string Status,
    string? StatusMessage,
    bool IsStatusMessageTerminal,
    RunMeta Meta,
    RunStats Stats,
    RunOptions Options,
    string BuildId,
    string BuildNumber,
    int? ExitCode,
    string GeneralAccess,
    string DefaultKeyValueStoreId,
    string DefaultDatasetId,
    string DefaultRequestQueueId,
    string ContainerUrl,
    // Apify hides the costs from a caller without a token.
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? UsageTotalUsd);
