using System.ComponentModel;

namespace JobPlatform.Api.Model;

public sealed record CreateTenantRequest(
    string? Name,
    [property: Description("A configured tier: free, standard, premium or enterprise.")] string? Tier,
    [property: Description("0 to 10^12; 0 when left out.")] long? Credits = null);
