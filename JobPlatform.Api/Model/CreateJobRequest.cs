using System.ComponentModel;
using System.Text.Json;

namespace JobPlatform.Api.Model;

public sealed record CreateJobRequest(
    [property: Description("A registered job type, e.g. content_analysis.")] string? JobType,
    [property: Description("An object; what it holds is the job type's.")] JsonElement? Parameters,
    [property: Description("critical, high, normal (the default) or low.")] string? Priority = null);
