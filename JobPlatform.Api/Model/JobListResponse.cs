using JobPlatform.Engine.Jobs;

namespace JobPlatform.Api.Model;

public sealed record JobListResponse(IReadOnlyList<JobStatusResponse> Jobs, string? NextCursor);
