using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JobPlatform.Tests.Infrastructure;

namespace JobPlatform.Tests.ContentAnalysis;

/// <summary>
/// docs/requirements.md R-003-18 through the running topology: a client's texts go in through the generic API, the
/// AI workers analyse them in batches of 5, and the result holds one analysis per post, in order.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class ContentAnalysisJobTests(AppHostFixture fixture)
{
    private static readonly (string Id, string Text)[] Texts =
    [
        ("en-food", "Homemade pizza night with friends, absolutely delicious! #foodie"),
        ("es-fitness", "Hoy entrené piernas en el gimnasio, me siento increíble"),
        ("en-travel-bad", "Worst flight ever, they lost my luggage 😡 #travel"),
        ("fr", "Une belle journée à Paris avec ma famille"),
        ("de", "Heute haben wir einen neuen Laptop für das Büro gekauft"),
        ("pets", "Meet our new puppy 🐶 #dogsofinstagram"),
        ("empty", ""),
    ];

    [Fact]
    public async Task A_clients_texts_are_analysed_by_the_ai_workers_one_result_per_post_in_order()
    {
        var user = await Tenants.CreateUserAsync(fixture.App);

        var accepted = await user.Http.PostAsJsonAsync("/api/v1/jobs", new
        {
            job_type = "content_analysis",
            parameters = new { posts = Texts.Select(text => new { id = text.Id, text = text.Text }) },
        });
        var jobId = (await Tenants.ReadAsync(accepted)).GetProperty("job_id").GetGuid();
        var done = await user.Http.WaitForStatusAsync(jobId, "completed", TimeSpan.FromSeconds(60));

        var posts = done.GetProperty("result").GetProperty("posts").EnumerateArray().ToList();
        Assert.Equal(Texts.Select(text => text.Id), posts.Select(post => post.GetProperty("id").GetString()));
        Assert.All(posts, post =>
        {
            Assert.Equal("local", post.GetProperty("engine").GetString());
            Assert.InRange(post.GetProperty("language").GetProperty("confidence").GetDouble(), 0, 1);
            Assert.InRange(post.GetProperty("sentiment").GetProperty("score").GetDouble(), -1, 1);
            Assert.InRange(post.GetProperty("category").GetProperty("confidence").GetDouble(), 0, 1);
        });
        var byId = posts.ToDictionary(post => post.GetProperty("id").GetString()!);
        Assert.Equal(("en", "positive", "food"), Summary(byId["en-food"]));
        Assert.Equal("es", Language(byId["es-fitness"]));
        Assert.Equal("negative", byId["en-travel-bad"].GetProperty("sentiment").GetProperty("label").GetString());
        Assert.Equal("fr", Language(byId["fr"]));
        Assert.Equal("de", Language(byId["de"]));
        Assert.Equal("pets", byId["pets"].GetProperty("category").GetProperty("label").GetString());
        Assert.Equal(("und", "neutral", "other"), Summary(byId["empty"]));
        Assert.Equal(100, done.GetProperty("progress_percent").GetInt32());
    }

    [Fact]
    public async Task Invalid_posts_are_refused_at_the_api_naming_the_field()
    {
        var user = await Tenants.CreateUserAsync(fixture.App);

        var refused = await user.Http.PostAsJsonAsync("/api/v1/jobs", new
        {
            job_type = "content_analysis",
            parameters = new { posts = new[] { new { id = "a", text = new string('x', 5001) } } },
        });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("parameters.posts[0].text must be a string of at most 5000 characters.", problem.GetProperty("detail").GetString());
    }

    private static string? Language(JsonElement post) => post.GetProperty("language").GetProperty("code").GetString();

    private static (string?, string?, string?) Summary(JsonElement post) =>
        (Language(post), post.GetProperty("sentiment").GetProperty("label").GetString(), post.GetProperty("category").GetProperty("label").GetString());
}
