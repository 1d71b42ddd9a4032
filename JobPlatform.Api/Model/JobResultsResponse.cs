using System.Text.Json;

namespace JobPlatform.Api.Model;

public sealed record JobResultsResponse(Guid JobId, string Status, int Page, int PageSize, int TotalRows, IReadOnlyList<JsonElement> Rows);
