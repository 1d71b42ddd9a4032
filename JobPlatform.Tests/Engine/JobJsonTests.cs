using System.Text.Json;
using JobPlatform.Engine.Data;
using JobPlatform.Engine.Jobs;

namespace JobPlatform.Tests.Engine;

/// <summary>A result the worker accepts can be written wherever a status goes: a status body, an event, a cache entry.</summary>
public sealed class JobJsonTests
{
    [Fact]
    public void A_result_at_the_deepest_allowed_nesting_fits_a_cached_status_and_one_level_deeper_does_not()
    {
        Assert.Null(StorableJson.FindProblem(Nested(JobJson.MaxResultDepth), "result", int.MaxValue, JobJson.MaxResultDepth));
        Assert.Equal($"result{string.Concat(Enumerable.Repeat("[0]", JobJson.MaxResultDepth))} nests deeper than {JobJson.MaxResultDepth} levels.",
            StorableJson.FindProblem(Nested(JobJson.MaxResultDepth + 1), "result", int.MaxValue, JobJson.MaxResultDepth));

        var fits = CachedStatus(Nested(JobJson.MaxResultDepth));
        Assert.Contains("\"result\":", fits);

        Assert.Throws<JsonException>(() => CachedStatus(Nested(JobJson.MaxResultDepth + 1)));
    }

    [Theory]
    [InlineData("1", 0)]
    [InlineData("[]", 1)]
    [InlineData("""{"a":[1,{"b":[]}],"c":2}""", 4)]
    public void Depth_counts_levels_of_objects_and_arrays(string json, int depth)
    {
        var value = JsonDocument.Parse(json).RootElement;
        Assert.Null(StorableJson.FindProblem(value, "result", int.MaxValue, depth));
        Assert.Equal(depth > 0, StorableJson.FindProblem(value, "result", int.MaxValue, Math.Max(0, depth - 1)) is not null);
    }

    /// <summary>The shape the API caches a finished job's status in: the owner's id beside the status body.</summary>
    private static string CachedStatus(JsonElement result)
    {
        var job = new Job
        {
            Id = Guid.CreateVersion7(), JobType = "diagnostic", Priority = "normal", Status = JobStatuses.Completed,
            Parameters = "{}", Result = result.GetRawText(),
        };
        return JsonSerializer.Serialize(new { UserId = Guid.Empty, Status = JobStatusResponse.From(job, DateTimeOffset.UnixEpoch) }, JobJson.Options);
    }

    private static JsonElement Nested(int depth) =>
        JsonDocument.Parse(string.Concat(Enumerable.Repeat("[", depth)) + string.Concat(Enumerable.Repeat("]", depth))).RootElement;
}
