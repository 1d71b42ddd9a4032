using JobPlatform.ContentAnalysis;

namespace JobPlatform.Tests.ContentAnalysis;

[Collection(ContentAnalysisCollection.Name)]
public sealed class CategoryTests(ContentAnalysisFixture fixture)
{
    private CategoryGuess Classify(string caption, params string[] hashtags) => fixture.Models.Category.Classify(new PostText("p", caption, hashtags));

    [Theory]
    [InlineData("fashion", "Loving my new leather jacket and boots")]
    [InlineData("beauty", "Full glam makeup with a nude lipstick")]
    [InlineData("food", "Homemade pasta with tomato sauce for dinner")]
    [InlineData("travel", "Exploring the old town on our vacation in Lisbon")]
    [InlineData("fitness", "Early morning gym session, deadlifts and cardio")]
    [InlineData("sports", "Huge win for our basketball team in the final")]
    [InlineData("tech", "Reviewing the latest laptop and its software")]
    [InlineData("music", "The band rehearsed the new album songs")]
    [InlineData("family", "Playing with my kids and their grandma")]
    [InlineData("business", "Growing my startup and meeting investors")]
    [InlineData("pets", "My puppy and my kitten are best friends")]
    public void A_clear_caption_gets_its_category(string expected, string caption)
    {
        var guess = Classify(caption);

        Assert.Equal(expected, guess.Label);
        Assert.InRange(guess.Confidence, 0.5, 1);
    }

    [Fact]
    public void Hashtags_alone_can_decide_the_category()
    {
        Assert.Equal("food", Classify("", "pizza", "dessert").Label);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Good morning")]
    [InlineData("😍🔥")]
    public void A_caption_about_nothing_in_particular_is_other(string caption)
    {
        Assert.Equal("other", Classify(caption).Label);
    }
}
