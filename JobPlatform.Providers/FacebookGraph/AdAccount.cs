using System.Text.Json.Serialization;

namespace JobPlatform.Providers.FacebookGraph;

/// <param name="Id">The node id, <c>act_123456</c>.</param>
/// <param name="AccountId">The bare number, <c>123456</c>.</param>
/// <param name="AccountStatus">1 active, 2 disabled, 3 unsettled, 7 pending risk review, 8 pending settlement, 9 in grace period, 100 pending closure, 101 closed.</param>
public sealed record AdAccount(
    string Id,
    [property: JsonPropertyName("account_id")] string? AccountId = null,
    string? Name = null,
    string? Currency = null,
    [property: JsonPropertyName("account_status")] int? AccountStatus = null);
