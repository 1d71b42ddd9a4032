using System.Text.Json;
using JobPlatform.ProfileAnalytics.Instagram;
using JobPlatform.ProfileAnalytics.Jobs;

namespace JobPlatform.Tests.ProfileAnalytics;

/// <summary>R-000-1's username rule, and the parameters of the two job types, checked without servers.</summary>
public sealed class ProfileAnalysisValidationTests
{
    [Theory]
    [InlineData("natgeo", "natgeo")]
    [InlineData("Nat.Geo_2", "nat.geo_2")]
    [InlineData("a", "a")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123", "abcdefghijklmnopqrstuvwxyz0123")]
    public void A_valid_username_is_kept_in_lower_case(string given, string expected)
    {
        Assert.True(InstagramUsername.TryNormalize(given, out var username));
        Assert.Equal(expected, username);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("abcdefghijklmnopqrstuvwxyz01234")]
    [InlineData("nat geo")]
    [InlineData("nat-geo")]
    [InlineData("natgéo")]
    [InlineData("nat/geo")]
    public void Anything_else_is_refused(string? given) => Assert.False(InstagramUsername.TryNormalize(given, out _));

    [Theory]
    [InlineData("""{"username": "natgeo"}""", true)]
    [InlineData("""{"username": "NatGeo"}""", true)]
    [InlineData("""{"username": "nat geo"}""", false)]
    [InlineData("""{"username": 12}""", false)]
    [InlineData("""{}""", false)]
    [InlineData("""["natgeo"]""", false)]
    public void A_profile_analysis_takes_one_valid_username(string parameters, bool valid)
    {
        var problem = new ProfileAnalysisJobType().Validate(JsonDocument.Parse(parameters).RootElement);
        Assert.Equal(valid, problem is null);
        if (!valid)
        {
            Assert.StartsWith("parameters.username", problem);
        }
    }

    [Theory]
    [InlineData("""{"username": "natgeo", "post_ids": ["1"]}""", true)]
    [InlineData("""{"username": "natgeo", "post_ids": ["1", "2", "3", "4", "5"]}""", true)]
    [InlineData("""{"username": "natgeo", "post_ids": ["1", "2", "3", "4", "5", "6"]}""", false)]
    [InlineData("""{"username": "natgeo", "post_ids": []}""", false)]
    [InlineData("""{"username": "natgeo", "post_ids": ["1", "1"]}""", false)]
    [InlineData("""{"username": "natgeo", "post_ids": [1]}""", false)]
    [InlineData("""{"username": "natgeo", "post_ids": [""]}""", false)]
    [InlineData("""{"username": "natgeo", "post_ids": "1"}""", false)]
    [InlineData("""{"post_ids": ["1"]}""", false)]
    public void A_post_analysis_takes_a_username_and_one_to_five_distinct_post_ids(string parameters, bool valid) =>
        Assert.Equal(valid, new PostAnalysisJobType().Validate(JsonDocument.Parse(parameters).RootElement) is null);

    [Fact]
    public void The_types_run_where_R_003_says_and_cost_one_credit()
    {
        var profile = new ProfileAnalysisJobType();
        var posts = new PostAnalysisJobType();
        Assert.Equal(("profile_analysis", JobPlatform.Engine.Jobs.Workload.General, 1, 120.0),
            (profile.Name, profile.Workload, profile.Cost, profile.EstimatedDuration.TotalSeconds));
        Assert.Equal(("post_analysis", JobPlatform.Engine.Jobs.Workload.Ai), (posts.Name, posts.Workload));
        Assert.Equal(5, PostAnalysisJobType.MaxPosts);
    }
}
