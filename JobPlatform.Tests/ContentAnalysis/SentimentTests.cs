using JobPlatform.ContentAnalysis;

namespace JobPlatform.Tests.ContentAnalysis;

[Collection(ContentAnalysisCollection.Name)]
public sealed class SentimentTests(ContentAnalysisFixture fixture)
{
    private SentimentScore Score(string text) => fixture.Models.Sentiment.Score(text);

    [Fact]
    public void Negation_flips_the_sentiment()
    {
        Assert.Equal("positive", Score("This place is good").Label);
        Assert.Equal("negative", Score("This place is not good").Label);
        Assert.Equal("negative", Score("I don't like this at all").Label);
        Assert.Equal("positive", Score("Never bad, never boring").Label);
    }

    [Fact]
    public void Emoji_count_as_sentiment()
    {
        Assert.Equal("positive", Score("Sunday 😍").Label);
        Assert.Equal("negative", Score("Monday 😡").Label);
        Assert.True(Score("new shoes 😍😍").Score > Score("new shoes 😍").Score);
        Assert.Equal("neutral", Score("Sunday").Label);
    }

    [Fact]
    public void Boosters_capitals_and_exclamations_strengthen_and_downtoners_weaken()
    {
        var plain = Score("The view is beautiful").Score;

        Assert.True(Score("The view is really beautiful").Score > plain);
        Assert.True(Score("The view is BEAUTIFUL").Score > plain);
        Assert.True(Score("The view is beautiful!!!").Score > plain);
        Assert.True(Score("The view is slightly beautiful").Score < plain);
    }

    [Fact]
    public void What_follows_but_outweighs_what_precedes_it()
    {
        Assert.Equal("negative", Score("The food was good but the service was terrible").Label);
        Assert.Equal("positive", Score("The service was slow but the food was amazing").Label);
    }

    [Fact]
    public void Hashtags_count_as_words_and_camel_case_is_split()
    {
        var post = new PostText("p1", "Another Monday at the office", ["SoHappy", "blessed"]);
        var withoutTags = new PostText("p2", "Another Monday at the office", []);

        Assert.Equal("neutral", fixture.Models.Sentiment.Score(JobPlatform.ContentAnalysis.Text.PostTextCleaner.WordsAndHashtags(withoutTags)).Label);
        Assert.Equal("positive", fixture.Models.Sentiment.Score(JobPlatform.ContentAnalysis.Text.PostTextCleaner.WordsAndHashtags(post)).Label);
    }

    [Fact]
    public void Scores_stay_within_minus_one_and_one_with_a_confidence()
    {
        var strong = Score("BEST DAY EVER!!!! so so happy, love love love it 😍😍😍🥰 amazing wonderful perfect");

        Assert.Equal("positive", strong.Label);
        Assert.InRange(strong.Score, 0.9, 1);
        Assert.InRange(strong.Confidence, 0.9, 1);
        Assert.InRange(Score("worst, awful, horrible, disgusting, hate it 😡😡").Score, -1, -0.9);
    }
}
