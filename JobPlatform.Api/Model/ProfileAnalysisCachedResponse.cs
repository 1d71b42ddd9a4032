using System.Text.Json;

namespace JobPlatform.Api.Model;

/// <summary>R-000-3's 200 for a fresh analysis: no job, and the R-000-1 cached body as <see cref="Result"/>.</summary>
public sealed record ProfileAnalysisCachedResponse(bool Success, bool Cached, Guid? JobId, string Status, JsonElement Result, DateTimeOffset Timestamp);
