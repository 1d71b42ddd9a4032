using System.Text.Json;
using JobPlatform.Engine.Jobs;
using JobPlatform.ProfileAnalytics.Insights;
using JobPlatform.ProfileAnalytics.Model;
using JobPlatform.ProfileAnalytics.Storage;

namespace JobPlatform.Tests.ProfileAnalytics;

/// <summary>R-003-17 step 4: a profile's insights from its posts' analyses, and the R-000-1 body that carries them.</summary>
public sealed class ProfileInsightsTests
{
    private static readonly DateTimeOffset At = new(2025, 1, 16, 10, 30, 0, TimeSpan.Zero);

    private static PostAnalysisRow Post(string id, string language, string sentiment, double score, string category) =>
        new(id, language, 0.9, sentiment, score, category, 0.8, "test", At);

    [Fact]
    public void Insights_count_languages_sentiments_and_categories_and_average_the_score()
    {
        var insights = ProfileInsights.Aggregate(
        [
            Post("1", "en", "positive", 0.8, "travel"),
            Post("2", "en", "positive", 0.6, "travel"),
            Post("3", "es", "neutral", 0.0, "food"),
            Post("4", "und", "negative", -0.4, "travel"),
            Post("5", "en", "neutral", 0.1, "fashion"),
        ], At);

        Assert.True(insights.Available);
        Assert.Equal(5, insights.AnalyzedPosts);
        Assert.Equal(At, insights.AnalyzedAt);
        Assert.Equal("en", insights.Language!.Primary);
        Assert.Equal(new Dictionary<string, int> { ["en"] = 3, ["es"] = 1, ["und"] = 1 }, insights.Language.Distribution);
        Assert.Equal(0.22, insights.Sentiment!.AverageScore);
        Assert.Equal("positive", insights.Sentiment.Overall);
        Assert.Equal(new Dictionary<string, int> { ["positive"] = 2, ["neutral"] = 2, ["negative"] = 1 }, insights.Sentiment.Distribution);
        Assert.Equal("travel", insights.ContentCategory!.Primary);
        Assert.Equal([new CategoryShare("travel", 3, 0.6), new CategoryShare("fashion", 1, 0.2), new CategoryShare("food", 1, 0.2)],
            insights.ContentCategory.Top);
    }

    [Theory]
    [InlineData(0.049, "neutral")]
    [InlineData(0.05, "positive")]
    [InlineData(-0.05, "negative")]
    [InlineData(-0.049, "neutral")]
    public void The_overall_sentiment_is_neutral_within_a_narrow_band_around_zero(double score, string overall) =>
        Assert.Equal(overall, ProfileInsights.Aggregate([Post("1", "en", "neutral", score, "travel")], At).Sentiment!.Overall);

    [Fact]
    public void Undetermined_languages_are_never_the_primary_one()
    {
        var insights = ProfileInsights.Aggregate([Post("1", "und", "neutral", 0, "a"), Post("2", "und", "neutral", 0, "a"), Post("3", "fr", "neutral", 0, "a")], At);
        Assert.Equal("fr", insights.Language!.Primary);
    }

    [Fact]
    public void A_profile_without_analysed_posts_is_available_with_empty_insights()
    {
        var insights = ProfileInsights.Aggregate([], At);

        Assert.True(insights.Available);
        Assert.Equal(0, insights.AnalyzedPosts);
        Assert.Null(insights.Sentiment!.Overall);
        Assert.Null(insights.Sentiment.AverageScore);
        Assert.Null(insights.Language!.Primary);
        Assert.Null(insights.ContentCategory!.Primary);
        Assert.Empty(insights.ContentCategory.Top);
    }

    [Fact]
    public void The_cached_body_has_the_members_the_seeds_clients_read_in_snake_case()
    {
        var profile = new InstagramProfileRow("natgeo", "National Geographic", "bio", 10, 20, 30, "https://media/p.jpg", true, false, At);
        var body = JsonSerializer.SerializeToElement(
            ProfileResponse.Of("natgeo", profile, ProfileInsights.Aggregate([Post("1", "en", "positive", 0.5, "travel")], At)), JobJson.Options);

        Assert.True(body.GetProperty("success").GetBoolean());
        Assert.Equal("natgeo", body.GetProperty("username").GetString());
        Assert.Equal("National Geographic", body.GetProperty("full_name").GetString());
        Assert.Equal(20, body.GetProperty("following_count").GetInt64());
        Assert.Equal("https://media/p.jpg", body.GetProperty("profile_pic_url").GetString());
        var ai = body.GetProperty("ai_analysis");
        Assert.True(ai.GetProperty("available").GetBoolean());
        Assert.Equal(1, ai.GetProperty("analyzed_posts").GetInt32());
        Assert.Equal("travel", ai.GetProperty("content_category").GetProperty("primary").GetString());
        Assert.Equal(0.5, ai.GetProperty("sentiment").GetProperty("average_score").GetDouble());
        Assert.Equal("en", ai.GetProperty("language").GetProperty("primary").GetString());
        Assert.False(body.TryGetProperty("background_job", out _));
        Assert.False(body.TryGetProperty("background_job_error", out _));
    }

    [Fact]
    public void The_processing_body_carries_R_000_2s_background_job_exactly()
    {
        var jobId = Guid.CreateVersion7();
        var body = JsonSerializer.SerializeToElement(
            ProfileResponse.Of("natgeo", null, AiAnalysis.NotAvailable) with { BackgroundJob = BackgroundJob.For(jobId, "queued") }, JobJson.Options);

        Assert.Equal(JsonValueKind.Null, body.GetProperty("full_name").ValueKind);
        Assert.Equal("""{"available":false}""", body.GetProperty("ai_analysis").GetRawText());
        var job = body.GetProperty("background_job");
        Assert.Equal(["job_id", "status", "message", "non_blocking"], job.EnumerateObject().Select(p => p.Name));
        Assert.Equal(jobId, job.GetProperty("job_id").GetGuid());
        Assert.Equal("AI analysis queued for background processing", job.GetProperty("message").GetString());
        Assert.True(job.GetProperty("non_blocking").GetBoolean());
    }
}
